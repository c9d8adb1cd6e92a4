package io.github.tauml.pipeline.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation wrote.
 *
 * @param metricsFile {@code metrics.json}
 * @param report      the self-contained HTML report
 * @param plots       every PNG and PDF written
 * @param metrics     model → metric → value, as in {@code metrics.json}
 * @param gates       the report's verdicts on the declared gates (the check goal judges them again)
 * @param seconds     wall time
 */
public record EvaluateResult(Path metricsFile, Path report, List<Path> plots, Map<String, Map<String, Double>> metrics,
                             List<Gates.Outcome> gates, double seconds) {
}
