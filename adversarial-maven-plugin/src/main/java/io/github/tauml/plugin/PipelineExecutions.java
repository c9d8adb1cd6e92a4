package io.github.tauml.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.MavenExecutionPlan;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * The executions of this plugin that {@code mvn verify} would run in the current project, in lifecycle order, each
 * configured exactly as Maven would configure it to run (pom, defaults, {@code -D} properties): what the
 * {@code validate} and {@code status} goals look at.
 */
final class PipelineExecutions {
    /** Goals that look at the pipeline rather than being a stage of it. */
    private static final Set<String> NOT_STAGES = Set.of("validate", "status", "help");

    private final MavenSession session;
    private final LifecycleExecutor lifecycle;
    private final MavenPluginManager plugins;
    private final PluginDescriptor self;

    PipelineExecutions(MavenSession session, LifecycleExecutor lifecycle, MavenPluginManager plugins,
                       PluginDescriptor self) {
        this.session = session;
        this.lifecycle = lifecycle;
        this.plugins = plugins;
        this.self = self;
    }

    /** One stage execution; {@link #mojo()} is configured on first use and released by {@link #close()}. */
    final class Stage implements AutoCloseable {
        private final MojoExecution execution;
        private StageMojo mojo;

        private Stage(MojoExecution execution) {
            this.execution = execution;
        }

        MojoExecution execution() {
            return execution;
        }

        /** {@code skim (skim-training)}, as the stages' own log lines name it. */
        String name() {
            return execution.getGoal() + " (" + execution.getExecutionId() + ")";
        }

        /** The goal configured as Maven would configure it to run. */
        StageMojo mojo() throws Exception {
            if (mojo == null) {
                Mojo m = plugins.getConfiguredMojo(Mojo.class, session, execution);
                if (!(m instanceof StageMojo s)) {
                    plugins.releaseMojo(m, execution);
                    throw new IllegalStateException(name() + " is not a pipeline stage");
                }
                mojo = s;
            }
            return mojo;
        }

        @Override
        public void close() {
            if (mojo != null) {
                plugins.releaseMojo(mojo, execution);
                mojo = null;
            }
        }
    }

    /** The stage executions of this plugin up to {@code verify}, in the order the build runs them. */
    List<Stage> stages() throws Exception {
        MavenExecutionPlan plan = lifecycle.calculateExecutionPlan(session, "verify");
        List<Stage> out = new ArrayList<>();
        for (MojoExecution e : plan.getMojoExecutions()) {
            if (self.getGroupId().equals(e.getGroupId()) && self.getArtifactId().equals(e.getArtifactId())
                    && !NOT_STAGES.contains(e.getGoal())) {
                out.add(new Stage(e));
            }
        }
        return out;
    }
}
