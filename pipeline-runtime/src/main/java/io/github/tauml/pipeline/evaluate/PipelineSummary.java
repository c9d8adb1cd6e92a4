package io.github.tauml.pipeline.evaluate;

import java.util.List;
import java.util.Map;

/**
 * What the pipeline did before the evaluation, for the report's summary section: one {@link Stage} per stage in run
 * order.
 */
public record PipelineSummary(List<Stage> stages) {
    public static final PipelineSummary EMPTY = new PipelineSummary(List.of());

    /**
     * One stage.
     *
     * @param name    the stage (skim, drop, mix, dataset, train-default, train-adversarial, ...)
     * @param status  e.g. {@code ran}, {@code up to date}, {@code skipped}
     * @param inputs  the stage's inputs (files, directories), as the user declared them
     * @param counts  what it counted (entries read, passed, batches, records, epochs), in display order
     * @param seconds wall time; NaN if unknown
     */
    public record Stage(String name, String status, List<String> inputs, Map<String, Long> counts, double seconds) {
        public Stage {
            inputs = List.copyOf(inputs);
            counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        }
    }

    public PipelineSummary {
        stages = List.copyOf(stages);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** Writes the summary as JSON ({@code {"stages": [{"name", "status", "inputs", "counts", "seconds"}]}}), atomically. */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        io.github.tauml.pipeline.exec.AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    /**
     * Reads a summary written by {@link #write}.
     *
     * @throws EvaluateException naming the file when it is not such a summary
     */
    public static PipelineSummary read(java.nio.file.Path file) throws EvaluateException {
        try {
            return JSON.readValue(file.toFile(), PipelineSummary.class);
        } catch (java.io.IOException e) {
            throw new EvaluateException("Pipeline summary " + file + " is not readable: " + e.getMessage()
                    + ". Fix: delete it; the stages write it again.", e);
        }
    }
}
