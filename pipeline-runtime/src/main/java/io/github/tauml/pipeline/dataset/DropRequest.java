package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One sample of the event drop (reference §2.4, TauMLTools' {@code EventDrop.py} / {@code DatasetDrop}): which file to
 * thin, towards which pT spectrum, over how many entries, with which seed.
 *
 * @param sample      the sample's name, for logs and error messages
 * @param element     the pom element that declares the sample, named in errors
 *                    ({@code <samples><sample name="DY_taus">})
 * @param input       the skimmed ROOT file
 * @param tree        its tree ({@code taus})
 * @param branch      the spectrum's branch ({@code tau_pt}, GeV)
 * @param target      the target spectrum; its binning (with under- and overflow) is the drop's binning
 * @param entries     the entries examined, from the first; −1 examines all of them
 * @param seed        the {@link TRandom3} seed (4357, ROOT's default, reproduces the reference)
 * @param output      the output ROOT file (same tree name, every branch and type kept)
 * @param compression output compression
 * @param level       output compression level 0..9
 * @param threads     threads decoding input branches
 */
public record DropRequest(String sample, String element, Path input, String tree, String branch, TH1 target,
                          long entries, long seed, Path output, Compression compression, int level, int threads) {
    public DropRequest {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(compression, "compression");
        if (entries < -1 || entries == 0) {
            throw new IllegalArgumentException("entries must be positive, or -1 for all, got " + entries);
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0..9, got " + level);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
