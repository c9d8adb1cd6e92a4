package io.github.tauml.pipeline.track;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One training run to record in MLflow's file-store layout.
 *
 * @param experiment   experiment name (created when missing)
 * @param runName      the run's name ({@code mlflow.runName})
 * @param params       parameters (net setups, TauLossesSFs, k1/k2, ... as TauMLTools logs them)
 * @param tags         extra tags
 * @param stepMetrics  per-step metrics, in step order (metric name → value)
 * @param epochMetrics per-epoch metrics, in epoch order (logged with the epoch as step)
 * @param artifacts    files or directories to copy under {@code artifacts/}, by name
 * @param startMillis  run start, epoch milliseconds
 * @param endMillis    run end, epoch milliseconds
 * @param finished     true: status FINISHED, false: FAILED
 * @param sourceDir    the analysis directory, whose git commit is recorded when it is in a git repository
 */
public record RunRecord(String experiment, String runName, Map<String, String> params, Map<String, String> tags,
                        List<Map<String, Double>> stepMetrics, List<Map<String, Double>> epochMetrics,
                        Map<String, Path> artifacts, long startMillis, long endMillis, boolean finished,
                        Path sourceDir) {
}
