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
}
