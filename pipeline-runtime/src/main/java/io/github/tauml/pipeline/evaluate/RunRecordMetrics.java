package io.github.tauml.pipeline.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Metric histories from a run record in MLflow's file-store layout: {@code <run>/metrics/<name>} files, one line per
 * logged value, {@code timestamp value step} separated by spaces (timestamp in ms since the epoch).
 */
public final class RunRecordMetrics {
    private RunRecordMetrics() {
    }

    /** One metric's history, in file order. */
    public record Series(long[] timestamp, double[] value, long[] step) {
        public int size() {
            return value.length;
        }
    }

    /**
     * Reads every metric of a run.
     *
     * @param run the run directory (the one holding {@code metrics/})
     * @return metric name → history, sorted by name; metric names with {@code /} in MLflow are nested directories,
     *         returned with {@code /}
     * @throws EvaluateException when {@code metrics/} is missing or a line is not {@code timestamp value step}
     */
    public static Map<String, Series> read(Path run) throws EvaluateException {
        Path dir = run.resolve("metrics");
        if (!Files.isDirectory(dir)) {
            throw new EvaluateException("Run record " + run + " has no metrics/ directory. Fix: point the evaluation"
                    + " at the run directory of the training (the one holding metrics/, params/ and artifacts/).");
        }
        Map<String, Series> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                out.put(name, parse(f));
            }
        } catch (IOException e) {
            throw new EvaluateException("Could not read the run record metrics under " + dir + ": " + e.getMessage(),
                    e);
        }
        return out;
    }

    private static Series parse(Path f) throws EvaluateException, IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        List<long[]> ts = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.trim().split("\\s+");
            try {
                if (p.length != 3) {
                    throw new NumberFormatException();
                }
                ts.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[2])});
                values.add(Double.parseDouble(p[1]));
            } catch (NumberFormatException e) {
                throw new EvaluateException(f + " line " + n + ": '" + line + "' is not 'timestamp value step'"
                        + " (MLflow's metric file format). Fix: rewrite the run record with the training goal.");
            }
        }
        long[] t = new long[values.size()], s = new long[values.size()];
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            t[i] = ts.get(i)[0];
            s[i] = ts.get(i)[1];
            v[i] = values.get(i);
        }
        return new Series(t, v, s);
    }
}
