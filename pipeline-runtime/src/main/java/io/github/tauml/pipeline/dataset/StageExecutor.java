package io.github.tauml.pipeline.dataset;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs data stages somewhere other than this JVM (issue 13): {@code <executor>spark</executor>}. Implementations are
 * found with {@link ServiceLoader} on the class path of the caller (for the plugin: the plugin's own dependencies),
 * so that nothing of Spark is loaded unless it is asked for. A stage run by an executor gives the local executor's
 * result: the same entries in the same order, and the same bytes where the stage writes one file.
 */
public interface StageExecutor {
    /** The executor's name in {@code <executor>}: "spark". */
    String name();

    /**
     * Runs a skim as {@link Skim#run} does, with the same output bytes.
     *
     * @param settings where and how to run (master URL, configuration passed through)
     */
    SkimResult skim(SkimRequest request, Settings settings, Consumer<String> log) throws SkimException, IOException;

    /**
     * The reweight's observed spectra filled on the executor (an aggregation of per-task bin counts), equal to the
     * local counts.
     */
    Reweight.SpectrumCounter spectra(Settings settings);

    /**
     * Runs an event drop as {@link EventDrop#run} does, with the same output bytes: the observed spectrum aggregated,
     * the entries examined in parts that each start from the sequential random stream's position.
     */
    DropResult drop(DropRequest request, Settings settings, Consumer<String> log)
            throws io.github.tauml.pipeline.config.ConfigException, IOException;

    /** Runs a mix as {@link Mix#run} does, with the same two files: segments computed apart, appended in order. */
    MixResult mix(MixRequest request, Settings settings, Consumer<String> log)
            throws io.github.tauml.pipeline.config.ConfigException, IOException;

    /**
     * Writes an adversarial dataset as {@link io.github.tauml.pipeline.tfdata.TFDatasets#adversarial} does, with the
     * same shards: records encoded by entry range elsewhere, put into the shards in record order.
     */
    io.github.tauml.pipeline.tfdata.DatasetResult adversarialDataset(
            io.github.tauml.pipeline.tfdata.AdversarialRequest request, Settings settings, Consumer<String> log)
            throws io.github.tauml.pipeline.config.ConfigException, IOException;

    /**
     * Writes a classification dataset as {@link io.github.tauml.pipeline.tfdata.TFDatasets#classification} does,
     * with the same files: both passes by entry range elsewhere, the pass-1 partials added and the records put into
     * the shards in range order.
     */
    io.github.tauml.pipeline.tfdata.DatasetResult classificationDataset(
            io.github.tauml.pipeline.tfdata.ClassificationRequest request, Settings settings, Consumer<String> log)
            throws io.github.tauml.pipeline.config.ConfigException, IOException;

    /**
     * Where and how an executor runs.
     *
     * @param master the cluster to run on, e.g. {@code local[*]}, {@code spark://host:7077}, {@code yarn},
     *               {@code k8s://https://host:443}
     * @param conf   settings passed through unchanged (for Spark: {@code spark.executor.memory} and the like)
     */
    record Settings(String master, Map<String, String> conf) {
        public Settings {
            Objects.requireNonNull(master, "master");
            conf = Map.copyOf(conf);
        }
    }

    /** An executor that cannot be found or started; the message says what to add to the pom. */
    final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /**
     * The executor called {@code name} on {@code loader}'s class path.
     *
     * @throws UnavailableException none is there: the message names the executors found and, for "spark", the
     *                              plugin dependencies to add
     */
    static StageExecutor load(String name, ClassLoader loader) throws UnavailableException {
        List<StageExecutor> found;
        try {
            found = ServiceLoader.load(StageExecutor.class, loader).stream().map(ServiceLoader.Provider::get)
                    .toList();
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            throw new UnavailableException("executor '" + name + "' cannot be loaded: " + e.getMessage()
                    + (name.equals("spark") ? "; " + SPARK_DEPENDENCIES : ""));
        }
        for (StageExecutor e : found) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        String known = found.isEmpty() ? "none" : String.join(", ", found.stream().map(StageExecutor::name).toList());
        throw new UnavailableException("executor '" + name + "' is not on the plugin's class path (executors found: "
                + known + ")" + (name.equals("spark") ? "; " + SPARK_DEPENDENCIES
                : "; the executors are 'local' (the default) and 'spark'"));
    }

    /** What the plugin needs for {@code <executor>spark</executor>}; docs/spark.md has the same snippet. */
    String SPARK_DEPENDENCIES = "add to the plugin's <dependencies> io.github.tauml:pipeline-spark (the plugin's "
            + "version) and org.apache.spark:spark-sql_2.13 (4.0.1 or another Spark 4 release); see docs/spark.md";
}
