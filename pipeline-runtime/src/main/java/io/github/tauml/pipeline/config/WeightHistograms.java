package io.github.tauml.pipeline.config;

import java.util.List;

/**
 * The pT-weight histograms an earlier execution of the pipeline will write into its weights file (reference §2.5),
 * declared before it runs so that the mix's {@code <weights>} names can be checked up front.
 *
 * @param writer the execution that writes them, e.g. {@code reweight (reweight)}
 * @param names  the histogram names ({@code data DYT TTT DYM TTJ WJ QCD})
 */
public record WeightHistograms(String writer, List<String> names) {
    public WeightHistograms {
        names = List.copyOf(names);
    }
}
