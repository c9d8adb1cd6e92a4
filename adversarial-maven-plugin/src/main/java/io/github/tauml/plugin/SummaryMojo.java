package io.github.tauml.plugin;

import io.github.tauml.pipeline.exec.OutputSummary;
import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Ends a build with what it produced and where: one line per stage directory under {@code target/adversarial}, with
 * the number of files and their size. Default phase {@code verify}; declare it last.
 */
@Mojo(name = "summary", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SummaryMojo extends StageMojo {
    /** The directory holding one sub-directory per stage. */
    @Parameter(property = "adversarial.summary.directory", defaultValue = "${project.build.directory}/adversarial")
    private File directory;

    /** Skips the goal. */
    @Parameter(property = "adversarial.summary.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        OutputSummary.lines(directory.toPath()).forEach(getLog()::info);
    }
}
