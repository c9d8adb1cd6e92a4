package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.SkimDeclaration;
import io.github.tauml.pipeline.config.SkimDeclaration.Declared;
import io.github.tauml.pipeline.exec.StageLog;
import io.github.tauml.rootio.write.TemporaryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code skim} stage for a whole declaration: every sample validated before any is written (reference workflow
 * §2.2), then the samples skimmed one after another, each output published atomically, and a summary table.
 */
public final class SkimStage {
    /** The version of what the stage writes: raise it when the same declaration would write different files. */
    public static final int FORMAT_VERSION = 1;

    private SkimStage() {
    }

    /**
     * @throws ConfigException the declaration cannot run (named pom element, reason, fix); nothing was written, or,
     *                         for an entry that fails to evaluate, only the samples before it were
     * @throws IOException     an input could not be read or an output written
     */
    public static List<SkimResult> run(SkimDeclaration declaration, StageLog log) throws ConfigException,
            IOException {
        return run(declaration, log, Skim::run);
    }

    /** How one sample is skimmed: {@link Skim#run} here, or a {@link StageExecutor} elsewhere. */
    @FunctionalInterface
    public interface Runner {
        SkimResult skim(SkimRequest request, java.util.function.Consumer<String> log) throws SkimException,
                IOException;
    }

    /**
     * As {@link #run(SkimDeclaration, StageLog)}, each sample skimmed by {@code runner} (for
     * {@code <executor>spark</executor>}: {@link StageExecutor#skim}); validation, messages and the summary are the
     * same.
     */
    public static List<SkimResult> run(SkimDeclaration declaration, StageLog log, Runner runner)
            throws ConfigException, IOException {
        List<Declared> declared;
        long start = System.nanoTime();
        try {
            declared = declaration.requests();
            declaration.validate(declared);
        } catch (ConfigException e) {
            int n = e.problems().size();
            throw new ConfigException("The skim declaration has " + (n == 1 ? "a problem" : n + " problems")
                    + "; no sample was skimmed:", e.problems());
        }
        String selection = declaration.selection();
        log.info(String.format(Locale.ROOT, "Validated %d sample%s in %.1f s; selection: %s", declared.size(),
                declared.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9,
                selection == null || selection.isBlank() ? "(none)" : selection.trim().replaceAll("\\s*\\n\\s*", " ")));
        List<SkimResult> results = new ArrayList<>();
        for (Declared d : declared) {
            for (Path stale : TemporaryFiles.removeStale(d.request().output())) {
                log.info("Removed " + stale.getFileName() + ", left by an earlier run that was stopped while writing");
            }
            SkimResult r;
            try {
                r = runner.skim(d.request(), log::info);
            } catch (SkimException e) {
                ConfigException at = declaration.failure(d, e);
                throw new ConfigException(List.of(new ConfigException.Problem(at.problems().get(0).element(),
                        "sample " + d.name() + " failed; its output was not written" + (results.isEmpty() ? ""
                                : " (the samples before it were)") + ": " + at.problems().get(0).message(),
                        at.problems().get(0).fix())));
            }
            r.notes().forEach(n -> log.warn(d.name() + ": " + n));
            emptiness(d, r).ifPresent(log::warn);
            log.info(r.summary() + " -> " + r.output());
            results.add(r);
        }
        table(results).forEach(log::info);
        return results;
    }

    /**
     * A sample that wrote nothing is almost always a mistake worth a warning: an input range past the end of the
     * inputs, or a selection that keeps no entry.
     */
    static Optional<String> emptiness(Declared d, SkimResult r) {
        SkimRequest.EntryRange in = d.request().inputRange();
        if (r.read() == 0 && in != null && in.begin() > 0) {
            return Optional.of("sample " + d.name() + ": the input range starts at entry "
                    + String.format(Locale.ROOT, "%,d", in.begin()) + ", past the end of its inputs; nothing was"
                    + " read (" + SkimDeclaration.element(d.name(), "inputRange") + ")");
        }
        if (r.read() > 0 && r.passed() == 0) {
            return Optional.of("sample " + d.name() + ": the selection keeps no entry of the "
                    + String.format(Locale.ROOT, "%,d", r.read()) + " read; the output holds an empty tree");
        }
        return Optional.empty();
    }

    /** The summary table: files, entries read and passed, efficiency, time and rate per sample, and the total. */
    public static List<String> table(List<SkimResult> results) {
        int w = Math.max("sample".length(), results.stream().mapToInt(r -> r.sample().length()).max().orElse(0));
        String fmt = "  %-" + w + "s %6s %12s %12s %9s %9s %14s";
        List<String> lines = new ArrayList<>();
        lines.add("Skim summary:");
        lines.add(String.format(fmt, "sample", "files", "read", "passed", "eff.", "seconds", "entries/s"));
        long read = 0;
        long passed = 0;
        int files = 0;
        double seconds = 0;
        for (SkimResult r : results) {
            lines.add(row(fmt, r.sample(), r.files(), r.read(), r.passed(), r.seconds()));
            read += r.read();
            passed += r.passed();
            files += r.files();
            seconds += r.seconds();
        }
        if (results.size() > 1) {
            lines.add(row(fmt, "total", files, read, passed, seconds));
        }
        return lines;
    }

    private static String row(String fmt, String name, int files, long read, long passed, double seconds) {
        return String.format(Locale.ROOT, fmt, name, files, String.format(Locale.ROOT, "%,d", read),
                String.format(Locale.ROOT, "%,d", passed),
                String.format(Locale.ROOT, "%.2f %%", read == 0 ? 0 : 100.0 * passed / read),
                String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%,.0f", read / Math.max(seconds, 1e-9)));
    }
}
