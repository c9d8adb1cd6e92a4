package io.github.tauml.pipeline.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a skim did: files and entries read, entries that passed, and how fast.
 *
 * @param notes      things the user should know (branches that could not be copied)
 */
public record SkimResult(String sample, Path output, int files, long read, long passed,
                         double seconds, List<String> notes) {
    public double efficiency() {
        return read == 0 ? 0 : passed / (double) read;
    }

    public double rate() {
        return read / Math.max(seconds, 1e-9);
    }

    /** One line for the build log. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %,d entries read from %d file%s, %,d passed (%.2f %%), %.1f s (%,.0f entries/s)",
                sample, read, files, files == 1 ? "" : "s", passed, 100 * efficiency(), seconds, rate());
    }
}
