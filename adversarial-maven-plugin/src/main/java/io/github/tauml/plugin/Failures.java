package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.rootio.RootIOException;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place that maps a stage's failures to Maven's two kinds, for every goal: {@link MojoFailureException} for
 * what the user can fix (bad configuration, a damaged or unexpected input file), {@link MojoExecutionException} for
 * I/O failures, an exhausted heap and real bugs. The message's first line says what and where; a "Fix:" line, when
 * there is one, follows the reason.
 */
final class Failures {
    private Failures() {
    }

    /** A stage body: binds nothing, calls the runtime. */
    interface Body {
        void run() throws Exception;
    }

    static void run(String goal, Body body) throws MojoExecutionException, MojoFailureException {
        try {
            body.run();
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RootIOException e) {
            throw new MojoFailureException(goal + ": an input ROOT file cannot be read: " + e.getMessage()
                    + "\nFix: check the file (inspect it with mvn adversarial:inspect -Dadversarial.inspect.file=...),"
                    + " or remove it from the inputs.", e);
        } catch (IOException e) {
            throw new MojoExecutionException(goal + ": I/O failure: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            throw new MojoExecutionException(String.format(Locale.ROOT, "%s: the Java heap ran out (maximum %,d MB)."
                    + "\nFix: give Maven a larger heap, e.g. MAVEN_OPTS=-Xmx%dg, or use fewer <threads>.", goal, max,
                    Math.max(2, 2 * Math.round(Math.ceil(max / 1024.0)))), e);
        } catch (MojoExecutionException | MojoFailureException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException(goal + ": interrupted", e);
        } catch (Exception e) {
            throw new MojoExecutionException("Unexpected error in " + goal + " (a bug: please report it with the"
                    + " plugin configuration): " + e, e);
        }
    }
}
