package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.exec.OutputGuard;

import io.github.tauml.pipeline.exec.AtomicFiles;
import io.github.tauml.pipeline.inspect.InspectException;
import io.github.tauml.pipeline.inspect.InspectReport;
import io.github.tauml.pipeline.inspect.InspectRequest;
import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import io.github.tauml.pipeline.inspect.Inspector;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what a ROOT file holds, like {@code rootls -t} or uproot's {@code show}: keys, trees, branches with their
 * types, entries and compression. With {@code format=json} it prints, per branch, the count, sum and first three
 * values in the JSON shape of jsroot's reference files, so a file can be cross-checked against jsroot.
 *
 * <p>Needs no pom: {@code mvn io.github.tauml:adversarial-maven-plugin:<version>:inspect
 * -Dadversarial.inspect.file=ntuple.root}. The text listing goes to the build log; JSON goes to standard output
 * (so {@code mvn -q ... -Dadversarial.inspect.format=json > out.json} gives clean JSON) unless {@code output} is
 * set, in which case it is written there.
 */
@Mojo(name = "inspect", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class InspectMojo extends StageMojo {

    /** The ROOT file. A relative path resolves against the project directory, or the current one without a pom. */
    @Parameter(property = "adversarial.inspect.file", required = true)
    private File file;

    /** The tree to report, e.g. {@code events}, {@code dir/taus} or {@code taus;2}. Empty: every tree. */
    @Parameter(property = "adversarial.inspect.tree")
    private String tree;

    /** Branches to report ({@code -Dadversarial.inspect.branches=NJet,Jet_Px}). Empty: every branch. */
    @Parameter(property = "adversarial.inspect.branches")
    private List<String> branches;

    /** {@code text} (a listing in the build log) or {@code json} (count, sum and first values per branch). */
    @Parameter(property = "adversarial.inspect.format", defaultValue = "text")
    private String format;

    /** A file to write the listing or JSON to as well, replaced atomically. JSON then no longer goes to stdout. */
    @Parameter(property = "adversarial.inspect.output")
    private File output;

    /** Skips the goal. */
    @Parameter(property = "adversarial.inspect.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        InspectRequest request = request();
        if (output != null) {
            Failures.run("inspect", () -> {
                Problems problems = new Problems();
                new OutputGuard().input("<file> (adversarial.inspect.file)", List.of(request.file()))
                        .output("<output> (adversarial.inspect.output)", output.toPath()).check(problems);
                problems.throwIfAny();
            });
        }
        InspectReport report;
        try {
            report = new Inspector().inspect(request);
        } catch (InspectException e) {
            throw new MojoFailureException(e.getMessage() + "\n" + fix(e.subject()), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read " + request.file() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Unexpected error while inspecting " + request.file()
                    + " (a bug: please report it together with the file): " + e, e);
        }
        String rendered = report.render();
        if (output != null) {
            try {
                AtomicFiles.writeString(output.toPath(), rendered);
            } catch (IOException e) {
                throw new MojoExecutionException("Could not write <output> " + output + ": " + e.getMessage(), e);
            }
        }
        if (request.format() == Format.TEXT && getLog().isInfoEnabled()) {
            rendered.lines().forEach(getLog()::info);
        } else if (output == null) {
            // Standard output, not the log: the log prefixes "[INFO] " and -q silences it; stdout stays clean JSON,
            // and a text listing asked for with -q still shows.
            System.out.print(rendered);
            System.out.flush();
        }
        if (output != null) {
            getLog().info("Wrote the " + request.format().name().toLowerCase(Locale.ROOT)
                    + " inspection of " + request.file() + " to " + output);
        }
    }

    private InspectRequest request() throws MojoFailureException {
        Format f;
        try {
            f = Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<format> (adversarial.inspect.format): " + e.getMessage());
        }
        return new InspectRequest(file.toPath().toAbsolutePath().normalize(), tree, branches, f);
    }

    /** The fix, naming the pom element and the property that set the offending value. */
    private static String fix(InspectException.Subject subject) {
        return switch (subject) {
            case FILE -> "Fix: point <file> (-Dadversarial.inspect.file=...) at a readable ROOT file.";
            case TREE -> "Fix: set <tree> (-Dadversarial.inspect.tree=...) to one of the trees the file holds.";
            case BRANCH -> "Fix: correct <branches> (-Dadversarial.inspect.branches=a,b), or leave it out to see"
                    + " every branch.";
        };
    }
}
