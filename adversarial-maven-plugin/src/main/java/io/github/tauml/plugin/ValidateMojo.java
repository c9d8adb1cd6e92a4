package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.exec.Upstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the whole declared pipeline before any stage runs (bind it to {@code initialize}, its default phase, as the
 * architecture puts it: Maven's {@code validate} phase comes before, so running up to {@code initialize} checks the
 * pipeline alone): every execution of this plugin that {@code mvn verify} would run, configured exactly as it would run, in lifecycle order.
 * Each is checked as the stage checks itself before it writes (cuts and column expressions compiled against the
 * inputs' branches, dataset ids unique, batch counts positive, feature lists, gates, ...), plus what only the whole
 * pipeline shows: an input that does not exist yet is fine when an earlier execution writes it, and an error otherwise;
 * the mix's weight-histogram names are those the reweight execution writes; the training's datasets are of the right
 * kind and have the same network inputs; the gates name evaluated models. Every problem of every execution is
 * reported at once, each naming the execution, the pom element and the fix, and the build stops before anything is
 * written. Stages still check themselves when run alone.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class ValidateMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Component
    private LifecycleExecutor lifecycle;

    @Component
    private MavenPluginManager plugins;

    /** Skips the goal. */
    @Parameter(property = "adversarial.validate.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping validate (skip=true)");
            return;
        }
        long start = System.nanoTime();
        List<PipelineExecutions.Stage> stages;
        try {
            stages = new PipelineExecutions(session, lifecycle, plugins,
                    mojoExecution.getMojoDescriptor().getPluginDescriptor()).stages();
        } catch (Exception e) {
            throw new MojoExecutionException("validate: cannot work out the executions of the build: " + e, e);
        }
        Upstream pipeline = Upstream.pipeline();
        List<ConfigException.Problem> found = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (PipelineExecutions.Stage stage : stages) {
            try (stage) {
                List<ConfigException.Problem> own = check(stage, pipeline);
                if (own == null) {
                    continue; // skipped
                }
                checked++;
                if (!own.isEmpty()) {
                    bad.add(stage.name());
                    for (ConfigException.Problem p : own) {
                        found.add(new ConfigException.Problem(stage.name() + " " + p.element(), p.message(),
                                p.fix()));
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            throw new MojoFailureException(new ConfigException(String.format(Locale.ROOT, "The declared pipeline has"
                    + " %d problem%s in %s; nothing was run:", found.size(), found.size() == 1 ? "" : "s",
                    bad.size() == 1 ? "execution " + bad.get(0) : bad.size() + " executions ("
                            + String.join(", ", bad) + ")"), found).getMessage());
        }
        getLog().info(String.format(Locale.ROOT, "Validated the pipeline: %d execution%s in %.1f s, no problem",
                checked, checked == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
    }

    /**
     * One execution's problems (empty when none), after which its outputs and facts join {@code pipeline}; null
     * when it is skipped (then it writes nothing, and nothing of it is checked).
     */
    private List<ConfigException.Problem> check(PipelineExecutions.Stage stage, Upstream pipeline) {
        Problems problems = new Problems();
        StageMojo mojo;
        try {
            mojo = stage.mojo();
        } catch (Exception e) {
            pipeline.addUnknown(stage.name());
            return List.of(new ConfigException.Problem("<configuration>", "cannot be configured: "
                    + e.getMessage(), "correct the execution's configuration as the message says"));
        }
        if (mojo.skipped()) {
            getLog().info(stage.name() + ": skipped (skip=true), not checked");
            try {
                mojo.checkingWith(pipeline);
                StageMojo.StageFiles files = mojo.files();
                List<java.nio.file.Path> outputs = files != null ? files.outputs() : mojo.declaredOutputs();
                if (outputs != null) {
                    pipeline.addSkipped(stage.name(), outputs);
                }
            } catch (Exception e) {
                // Nothing known of what it would write.
            }
            return null;
        }
        mojo.checkingWith(pipeline);
        mojo.checkParameters(problems);
        try {
            mojo.check(problems);
        } catch (ConfigException e) {
            problems.addAll(e);
        } catch (MojoFailureException e) {
            problems.add("<configuration>", e.getMessage(), null);
        } catch (IOException e) {
            problems.add("<configuration>", "an input cannot be read: " + e.getMessage(), "check the file, e.g. with"
                    + " mvn adversarial:inspect -Dadversarial.inspect.file=...");
        } catch (Exception e) {
            problems.add("<configuration>", "cannot be checked (a bug: please report it with the plugin"
                    + " configuration): " + e, null);
        }
        StageMojo.StageFiles files = null;
        try {
            files = mojo.files();
        } catch (Exception e) {
            // Reported by the check above.
        }
        if (files == null) {
            List<java.nio.file.Path> declared = null;
            try {
                declared = mojo.declaredOutputs();
            } catch (RuntimeException e) {
                // Unknown, then.
            }
            if (declared == null) {
                pipeline.addUnknown(stage.name());
            } else {
                pipeline.add(stage.name(), declared);
            }
        } else {
            // Each goal's check has named its missing inputs (optional ones, as evaluate's summaryFile, may be absent).
            pipeline.add(stage.name(), files.outputs());
            try {
                mojo.declareFacts(pipeline);
            } catch (Exception e) {
                // A declaration that cannot say what it writes has been reported by the check.
            }
        }
        try {
            problems.throwIfAny();
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
