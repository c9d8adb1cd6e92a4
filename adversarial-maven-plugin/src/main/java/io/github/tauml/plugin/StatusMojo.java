package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.exec.Upstream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints what {@code mvn verify} would do, one line per stage execution in lifecycle order, without running anything,
 * writing anything or taking the build lock ({@code mvn adversarial:status}): {@code up to date}; {@code would run}
 * and why (a parameter changed, an input changed, an output is missing, no earlier run, or an earlier stage that
 * would run rewrites one of its inputs); {@code skipped (skip=true)}; or, for goals that record no fingerprint,
 * {@code runs every build}. The same decision as the stages' own ({@code StageMojo}).
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Component
    private LifecycleExecutor lifecycle;

    @Component
    private MavenPluginManager plugins;

    /** Skips the goal. */
    @Parameter(property = "adversarial.status.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping status (skip=true)");
            return;
        }
        List<PipelineExecutions.Stage> stages;
        try {
            stages = new PipelineExecutions(session, lifecycle, plugins,
                    mojoExecution.getMojoDescriptor().getPluginDescriptor()).stages();
        } catch (Exception e) {
            throw new MojoExecutionException("status: cannot work out the executions of the build: " + e, e);
        }
        Upstream declared = Upstream.pipeline();
        Upstream rewritten = Upstream.pipeline();
        int width = stages.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        getLog().info("What mvn verify would do (nothing is run):");
        for (PipelineExecutions.Stage stage : stages) {
            try (stage) {
                getLog().info(String.format("  %-" + width + "s  %s", stage.name(),
                        status(stage, declared, rewritten)));
            }
        }
    }

    /** One stage's state; its outputs join {@code declared}, and {@code rewritten} when it would run. */
    private String status(PipelineExecutions.Stage stage, Upstream declared, Upstream rewritten) {
        try {
            StageMojo mojo = stage.mojo();
            if (mojo.skipped()) {
                return "skipped (skip=true)";
            }
            mojo.checkingWith(declared);
            StageMojo.Decision d = mojo.decide();
            if (d == null) {
                declared.addUnknown(stage.name()); // later stages may read what it writes
                Problems problems = new Problems();
                try {
                    mojo.check(problems);
                    problems.throwIfAny();
                } catch (ConfigException e) {
                    return "would fail: " + e.problems().get(0).element() + ": " + e.problems().get(0).message()
                            + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more; see mvn"
                            + " adversarial:validate)" : "");
                }
                return "runs every build (records no fingerprint)";
            }
            declared.add(stage.name(), d.files().outputs());
            mojo.declareFacts(declared);
            List<String> why = new ArrayList<>(d.reasons());
            if (d.last() != null) {
                // Up to date by its own fingerprint, but an earlier stage that would run rewrites some inputs first.
                Map<String, List<String>> byWriter = new LinkedHashMap<>();
                for (Path in : d.files().inputs()) {
                    rewritten.producer(in).ifPresent(by -> byWriter.computeIfAbsent(by, k -> new ArrayList<>())
                            .add(in.getFileName().toString()));
                }
                byWriter.forEach((by, names) -> {
                    int shown = Math.min(3, names.size());
                    why.add((names.size() == 1 ? "input" : "inputs") + " rewritten by " + by + ": "
                            + String.join(", ", names.subList(0, shown))
                            + (names.size() > shown ? " and " + (names.size() - shown) + " more" : ""));
                });
            }
            if (d.forced()) {
                why.add(0, "forced");
            }
            if (why.isEmpty()) {
                return "up to date";
            }
            rewritten.add(stage.name(), d.files().outputs());
            return "would run: " + String.join("; ", why);
        } catch (Exception e) {
            return "cannot tell: " + e.getMessage();
        }
    }
}
