package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parsing helpers shared by the drop, reweight and mix declarations; each records problems instead of throwing. */
final class Declarations {
    private Declarations() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String orDefault(String s, String fallback) {
        return blank(s) ? fallback : s.trim();
    }

    /** A name that can name a file and a histogram. */
    static boolean validName(String s) {
        return s.matches("[A-Za-z0-9_.+-]+");
    }

    /** An existing file, resolved against the project directory; null (with a problem) when missing. */
    static Path existingFile(Path base, String declared, String element, String what, Problems problems) {
        return existingFile(base, declared, element, what, problems, Upstream.none());
    }

    /**
     * An existing file, or one an earlier execution of the pipeline writes ({@link Upstream#pending}), resolved
     * against the project directory; null (with a problem) when it is missing and nothing upstream writes it.
     */
    static Path existingFile(Path base, String declared, String element, String what, Problems problems,
                             Upstream upstream) {
        if (blank(declared)) {
            problems.add(element, "no " + what + " is given", "give the path of the " + what);
            return null;
        }
        Path p = base.resolve(declared.trim()).toAbsolutePath().normalize();
        if (upstream.pending(p)) {
            return p;
        }
        if (!Files.isRegularFile(p)) {
            problems.add(element, "the " + what + " " + p + " " + upstream.missing(p), upstream.wholePipeline()
                    ? "correct the path, or declare the execution that writes it before this one (in an earlier"
                    + " phase, or above it in the same phase)"
                    : "run the stage that writes it first (they are bound to earlier phases), or correct the path");
            return null;
        }
        return p;
    }

    /** Comma- or whitespace-separated numbers ({@code 30, 35, 40}); null (with a problem) when one is not a number. */
    static double[] numbers(String declared, String element, Problems problems) {
        List<Double> out = new ArrayList<>();
        for (String s : declared.trim().split("[,\\s]+")) {
            if (s.isEmpty()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                problems.add(element, "'" + s + "' is not a number", "write numbers separated by commas, e.g. 30, 35,"
                        + " 40");
                return null;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Bin edges: at least two, increasing. */
    static double[] edges(String declared, String element, Problems problems) {
        double[] e = numbers(declared, element, problems);
        if (e == null) {
            return null;
        }
        if (e.length < 2) {
            problems.add(element, "bin edges need at least two numbers, got " + e.length,
                    "list the edges, e.g. 30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400");
            return null;
        }
        for (int i = 1; i < e.length; i++) {
            if (!(e[i] > e[i - 1])) {
                problems.add(element, "bin edges must increase, but " + e[i] + " follows " + e[i - 1],
                        "list the edges in increasing order");
                return null;
            }
        }
        return e;
    }

    static Compression compression(String declared, String element, Problems problems) {
        try {
            return Compression.parse(orDefault(declared, "zlib"));
        } catch (IllegalArgumentException e) {
            problems.add(element, e.getMessage(), "use zlib, lzma, lz4, zstd or none");
            return Compression.ZLIB;
        }
    }

    static void level(int level, String element, Problems problems) {
        if (level < 0 || level > 9) {
            problems.add(element, "must be 0..9, got " + level, "use 1 (fast, the default) to 9 (small), or 0 to"
                    + " store raw");
        }
    }

    static int threads(int declared, String element, Problems problems) {
        if (declared < 0) {
            problems.add(element, "must be 0 (every processor) or more, got " + declared, "use 0, 1, 2, ...");
            return 1;
        }
        return declared == 0 ? Runtime.getRuntime().availableProcessors() : declared;
    }

    /** Where {@code file.root:dir/sub/hist} splits into file and histogram path, or -1 when it names no histogram. */
    static int histogramColon(String spec) {
        int colon = spec.lastIndexOf(':');
        return colon <= 0 || colon == spec.length() - 1 ? -1 : colon;
    }

    /**
     * A TH1 from {@code file.root:dir/sub/hist} (the file relative to the project directory); null with a problem
     * naming what the file holds when it cannot be read.
     */
    static TH1 histogram(Path base, String spec, String element, Problems problems) {
        return histogram(base, spec, element, problems, Upstream.none());
    }

    /** As {@link #histogram(Path, String, String, Problems)}; null without a problem when the file is pending. */
    static TH1 histogram(Path base, String spec, String element, Problems problems, Upstream upstream) {
        int colon = histogramColon(spec);
        if (colon < 0) {
            problems.add(element, "'" + spec + "' does not name a histogram", "write file.root:path, e.g."
                    + " datacard.root:mt_inclusive/EMB");
            return null;
        }
        Path file = existingFile(base, spec.substring(0, colon), element, "target file", problems, upstream);
        if (file == null || upstream.pending(file)) {
            return null;
        }
        String path = spec.substring(colon + 1).trim();
        try (RootFile f = RootFile.open(file)) {
            List<String> held = Reweight.histogramNames(f);
            if (!held.contains(path)) {
                List<String> close = Names.closest(path, held, 3);
                problems.add(element, file + " has no histogram '" + path + "'" + (close.isEmpty() ? ""
                        : "; did you mean " + String.join(", ", close) + "?") + " It holds " + (held.isEmpty()
                        ? "no histogram" : String.join(", ", held)), "name one of the histograms the file holds");
                return null;
            }
            return f.histogram(path);
        } catch (IOException e) {
            problems.add(element, "cannot read " + file + ": " + e.getMessage(), "check that it is a ROOT file");
            return null;
        }
    }
}
