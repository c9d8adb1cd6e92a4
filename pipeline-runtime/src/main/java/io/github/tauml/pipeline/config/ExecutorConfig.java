package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.dataset.EventDrop;
import io.github.tauml.pipeline.dataset.Mix;
import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimStage;
import io.github.tauml.pipeline.dataset.StageExecutor;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code <executor>}, {@code <sparkMaster>} and {@code <sparkConf>} of a data stage, turned into what runs each
 * sample (issue 13): the local skim, or the executor found on the plugin's class path. Nothing of Spark is loaded
 * for {@code local}.
 */
public final class ExecutorConfig {
    private ExecutorConfig() {
    }

    /**
     * @param goalPrefix the goal's user-property prefix, e.g. {@code adversarial.skim.}, for the messages
     * @param loader     where executors are looked for (the plugin's class loader)
     * @param info       told where the stage runs, when not locally
     * @throws ConfigException an unknown executor, an empty master, or an executor missing from the class path
     *                         (with the dependencies to add)
     */
    public static SkimStage.Runner skim(String executor, String master, Map<String, String> conf, String goalPrefix,
                                        ClassLoader loader, Consumer<String> info) throws ConfigException {
        Remote remote = remote(executor, master, conf, goalPrefix, loader);
        if (remote == null) {
            return Skim::run;
        }
        info.accept("Skimming on Spark, master " + remote.settings().master());
        return (request, log) -> remote.executor().skim(request, remote.settings(), log);
    }

    /**
     * The reweight's spectrum counter for {@code <executor>}: the local one, or a Spark aggregation.
     *
     * @throws ConfigException as {@link #skim}
     */
    public static Reweight.SpectrumCounter reweight(String executor, String master, Map<String, String> conf,
                                                    String goalPrefix, ClassLoader loader, Consumer<String> info)
            throws ConfigException {
        Remote remote = remote(executor, master, conf, goalPrefix, loader);
        if (remote == null) {
            return Reweight.localCounter();
        }
        info.accept("Filling the spectra on Spark, master " + remote.settings().master());
        return remote.executor().spectra(remote.settings());
    }

    /**
     * What runs each sample's drop for {@code <executor>}: {@link EventDrop#run}, or the executor's drop (the same
     * bytes).
     *
     * @throws ConfigException as {@link #skim}
     */
    public static EventDrop.Runner drop(String executor, String master, Map<String, String> conf, String goalPrefix,
                                        ClassLoader loader, Consumer<String> info) throws ConfigException {
        Remote remote = remote(executor, master, conf, goalPrefix, loader);
        if (remote == null) {
            return EventDrop::run;
        }
        info.accept("Dropping on Spark, master " + remote.settings().master());
        return (request, log) -> remote.executor().drop(request, remote.settings(), log);
    }

    /**
     * What runs the mix for {@code <executor>}: {@link Mix#run}, or the executor's mix (the same two files).
     *
     * @throws ConfigException as {@link #skim}
     */
    public static Mix.Runner mix(String executor, String master, Map<String, String> conf, String goalPrefix,
                                 ClassLoader loader, Consumer<String> info) throws ConfigException {
        Remote remote = remote(executor, master, conf, goalPrefix, loader);
        if (remote == null) {
            return Mix::run;
        }
        info.accept("Mixing on Spark, master " + remote.settings().master());
        return (request, log) -> remote.executor().mix(request, remote.settings(), log);
    }

    /**
     * What writes the datasets for {@code <executor>}: {@link TFDatasets#classification} and
     * {@link TFDatasets#adversarial}, or the executor's (the same files).
     *
     * @throws ConfigException as {@link #skim}
     */
    public static DatasetConfig.Runners dataset(String executor, String master, Map<String, String> conf,
                                                String goalPrefix, ClassLoader loader, Consumer<String> info)
            throws ConfigException {
        Remote remote = remote(executor, master, conf, goalPrefix, loader);
        if (remote == null) {
            return DatasetConfig.Runners.LOCAL;
        }
        info.accept("Writing the datasets on Spark, master " + remote.settings().master());
        return new DatasetConfig.Runners(
                (request, log) -> remote.executor().classificationDataset(request, remote.settings(), log),
                (request, log) -> remote.executor().adversarialDataset(request, remote.settings(), log));
    }

    /** An executor found on the class path with its settings. */
    private record Remote(StageExecutor executor, StageExecutor.Settings settings) {
    }

    /** The executor asked for, or null for {@code local}. */
    private static Remote remote(String executor, String master, Map<String, String> conf, String goalPrefix,
                                 ClassLoader loader) throws ConfigException {
        String name = executor == null || executor.isBlank() ? "local" : executor.trim();
        if (name.equals("local")) {
            return null;
        }
        String element = check(name, master, goalPrefix);
        StageExecutor found = load(name, element, loader);
        return new Remote(found, new StageExecutor.Settings(master.trim(), conf == null ? Map.of() : conf));
    }

    private static String check(String name, String master, String goalPrefix) throws ConfigException {
        String element = "<executor> (" + goalPrefix + "executor)";
        if (!name.equals("spark")) {
            throw new ConfigException(element, "'" + name + "' is not an executor", "use local (the default) or"
                    + " spark.");
        }
        if (master == null || master.isBlank()) {
            throw new ConfigException("<sparkMaster> (" + goalPrefix + "sparkMaster)", "is empty", "name the Spark"
                    + " master: local[*], spark://host:7077, yarn or k8s://https://host:443.");
        }
        return element;
    }

    private static StageExecutor load(String name, String element, ClassLoader loader) throws ConfigException {
        try {
            return StageExecutor.load(name, loader);
        } catch (StageExecutor.UnavailableException e) {
            throw new ConfigException(element, e.getMessage(), "add the plugin dependencies shown in docs/spark.md"
                    + " (\"The data stages on Spark\"), or use <executor>local</executor>.");
        }
    }
}
