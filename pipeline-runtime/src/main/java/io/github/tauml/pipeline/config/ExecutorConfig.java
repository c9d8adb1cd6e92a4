package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimStage;
import io.github.tauml.pipeline.dataset.StageExecutor;
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
        String name = executor == null || executor.isBlank() ? "local" : executor.trim();
        if (name.equals("local")) {
            return Skim::run;
        }
        String element = check(name, master, goalPrefix);
        StageExecutor found = load(name, element, loader);
        StageExecutor.Settings settings = new StageExecutor.Settings(master.trim(), conf == null ? Map.of() : conf);
        info.accept("Skimming on Spark, master " + settings.master());
        return (request, log) -> found.skim(request, settings, log);
    }

    /**
     * The reweight's spectrum counter for {@code <executor>}: the local one, or a Spark aggregation.
     *
     * @throws ConfigException as {@link #skim}
     */
    public static Reweight.SpectrumCounter reweight(String executor, String master, Map<String, String> conf,
                                                    String goalPrefix, ClassLoader loader, Consumer<String> info)
            throws ConfigException {
        String name = executor == null || executor.isBlank() ? "local" : executor.trim();
        if (name.equals("local")) {
            return Reweight.localCounter();
        }
        String element = check(name, master, goalPrefix);
        StageExecutor found = load(name, element, loader);
        StageExecutor.Settings settings = new StageExecutor.Settings(master.trim(), conf == null ? Map.of() : conf);
        info.accept("Filling the spectra on Spark, master " + settings.master());
        return found.spectra(settings);
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
