package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.DropResult;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.MixResult;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimResult;
import io.github.tauml.pipeline.dataset.StageExecutor;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetResult;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <executor>spark</executor>}: found by {@link java.util.ServiceLoader} when this module and Spark are on the
 * plugin's class path. Each stage gets a Spark session for {@code <sparkMaster>} with the {@code <sparkConf>}
 * settings (the session is Spark's own: one per JVM, reused while its master is unchanged).
 */
public final class SparkStageExecutor implements StageExecutor {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SkimResult skim(SkimRequest request, Settings settings, Consumer<String> log)
            throws SkimException, IOException {
        return withModuleLoader(() -> {
            SparkSession spark;
            try {
                spark = session(settings);
            } catch (IllegalStateException e) {
                throw new SkimException("executor", request.sample() + ": " + e.getMessage(), e);
            }
            return SparkSkim.run(spark, request, log);
        });
    }

    @Override
    public io.github.tauml.pipeline.dataset.Reweight.SpectrumCounter spectra(Settings settings) {
        return (input, tree, branch, edges, threads) -> withModuleLoader(() -> {
            SparkSession spark;
            try {
                spark = session(settings);
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage(), e);
            }
            return new SparkSpectra(spark).count(input, tree, branch, edges, threads);
        });
    }

    @Override
    public DropResult drop(DropRequest request, Settings settings, Consumer<String> log)
            throws ConfigException, IOException {
        return withModuleLoader(() -> SparkDrop.run(session("drop", request.sample(), settings), request, log));
    }

    @Override
    public MixResult mix(MixRequest request, Settings settings, Consumer<String> log)
            throws ConfigException, IOException {
        return withModuleLoader(() -> SparkMix.run(session("mix", "mix", settings), request, log));
    }

    @Override
    public DatasetResult adversarialDataset(AdversarialRequest request, Settings settings, Consumer<String> log)
            throws ConfigException, IOException {
        return withModuleLoader(() -> SparkDataset.adversarial(session("dataset", "adversarial dataset", settings),
                request, log));
    }

    @Override
    public DatasetResult classificationDataset(ClassificationRequest request, Settings settings, Consumer<String> log)
            throws ConfigException, IOException {
        return withModuleLoader(() -> SparkDataset.classification(session("dataset", "classification dataset",
                settings), request, log));
    }

    /** The session, or the one already running for another master as the stage's error at {@code <sparkMaster>}. */
    private static SparkSession session(String goal, String what, Settings settings) throws ConfigException {
        try {
            return session(settings);
        } catch (IllegalStateException e) {
            throw new ConfigException("<sparkMaster> (adversarial." + goal + ".sparkMaster)", what + ": "
                    + e.getMessage(), "give every execution of the build the same <sparkMaster>, or run them in"
                    + " separate builds");
        }
    }

    /** A Spark call that may throw what the stage throws. */
    @FunctionalInterface
    private interface SparkCall<T, E extends Exception> {
        T call() throws E, IOException;
    }

    /** Runs {@code call} with this module's class loader as the context one: Spark loads task classes through it. */
    private static <T, E extends Exception> T withModuleLoader(SparkCall<T, E> call) throws E, IOException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SparkStageExecutor.class.getClassLoader());
        try {
            return call.call();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** A session for the settings: master, the application name, then every setting passed through. */
    static SparkSession session(Settings settings) {
        SparkSession.Builder b = SparkSession.builder().master(settings.master()).appName("adversarial-data-stages");
        if (!settings.conf().containsKey("spark.ui.enabled")) {
            b.config("spark.ui.enabled", "false");
        }
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            b.config(e.getKey(), e.getValue());
        }
        SparkSession s = b.getOrCreate();
        // Spark's INFO lines (every task) would drown the build log; its warnings and errors still show.
        s.sparkContext().setLogLevel("WARN");
        if (!s.sparkContext().master().equals(settings.master())) {
            throw new IllegalStateException("a Spark session for " + s.sparkContext().master() + " is already running"
                    + " in this JVM; Spark allows one, so every stage of a build must use the same <sparkMaster>");
        }
        return s;
    }
}
