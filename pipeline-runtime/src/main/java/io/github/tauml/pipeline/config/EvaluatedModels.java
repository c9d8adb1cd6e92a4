package io.github.tauml.pipeline.config;

import java.util.List;

/**
 * The models an earlier execution of the pipeline will evaluate into its {@code metrics.json} (reference §5), declared
 * before it runs so that the quality gates' {@code <model>} and {@code <reference>} can be checked up front.
 *
 * @param writer the execution, e.g. {@code evaluate (evaluate)}
 * @param names  the model names ({@code default}, {@code adversarial})
 */
public record EvaluatedModels(String writer, List<String> names) {
    public EvaluatedModels {
        names = List.copyOf(names);
    }
}
