package io.github.tauml.plugin;

import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal does around its one call into the runtime: refuse boolean values that Maven would silently read
 * as false, honour {@code skip}, and map failures to Maven's two kinds ({@link Failures}).
 */
abstract class StageMojo extends AbstractMojo {
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Whether the user asked to skip the goal. */
    protected abstract boolean skip();

    /** The goal's work: build the request and make the one call. */
    protected abstract void run() throws Exception;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
        if (mojoExecution != null) {
            List<String> bad = StrictBooleans.check(mojoExecution, session, getClass());
            if (!bad.isEmpty()) {
                throw new MojoFailureException(goal + ": " + String.join("\n", bad) + "\nFix: write true or false"
                        + " (Maven would read any other value as false).");
            }
        }
        if (skip()) {
            getLog().info("Skipping " + goal + " (skip=true)");
            return;
        }
        Failures.run(goal, this::run);
    }
}
