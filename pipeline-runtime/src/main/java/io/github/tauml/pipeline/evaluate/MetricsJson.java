package io.github.tauml.pipeline.evaluate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code metrics.json}: model name → metric name → value, models and metrics in evaluation order. */
public final class MetricsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    /** Writes the metrics atomically. */
    public static void write(Path file, Map<String, Map<String, Double>> metrics) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(metrics) + "\n");
    }

    /** Reads a file written by {@link #write}. */
    public static Map<String, Map<String, Double>> read(Path file) throws EvaluateException {
        try {
            Map<String, Map<String, Double>> m = JSON.readValue(Files.readString(file),
                    new TypeReference<LinkedHashMap<String, Map<String, Double>>>() { });
            return m == null ? Map.of() : m;
        } catch (NoSuchFileException e) {
            throw new EvaluateException(file + " does not exist. Fix: run the evaluate goal (phase"
                    + " integration-test) before the quality gates (check, phase verify).");
        } catch (IOException e) {
            throw new EvaluateException(file + " is not a metrics file written by the evaluate goal: "
                    + e.getMessage() + ". Fix: rerun the evaluate goal.", e);
        }
    }
}
