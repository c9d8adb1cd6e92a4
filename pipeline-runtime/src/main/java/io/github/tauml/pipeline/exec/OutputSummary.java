package io.github.tauml.pipeline.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a build produced and where: one line per stage directory under {@code target/adversarial} (the stage, its
 * files and their size, the path), for the end of the build log. Hidden temporary files are not counted.
 */
public final class OutputSummary {
    private OutputSummary() {
    }

    /** The summary lines for the stage directories under {@code root}, in name order; empty if there are none. */
    public static List<String> lines(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> stages;
        try (Stream<Path> s = Files.list(root)) {
            stages = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        int width = stages.stream().mapToInt(p -> p.getFileName().toString().length()).max().orElse(5);
        long totalFiles = 0;
        long totalBytes = 0;
        for (Path stage : stages) {
            long[] fb = filesAndBytes(stage);
            totalFiles += fb[0];
            totalBytes += fb[1];
            out.add(String.format(Locale.ROOT, "  %-" + width + "s %,6d file%s %10s  %s", stage.getFileName(), fb[0],
                    fb[0] == 1 ? " " : "s", size(fb[1]), stage));
        }
        out.add(0, String.format(Locale.ROOT, "Outputs: %,d files, %s under %s", totalFiles, size(totalBytes), root));
        return out;
    }

    private static long[] filesAndBytes(Path dir) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        }
        return new long[] {files, bytes};
    }

    /** 1,234 B, 12.3 kB, 45.6 MB, 7.89 GB (decimal units, as ls -h --si and du --si). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%,d B", bytes);
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
