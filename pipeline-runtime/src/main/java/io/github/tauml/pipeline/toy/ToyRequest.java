package io.github.tauml.pipeline.toy;

import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the toy-ntuple stage makes: one ROOT file per sample in {@code outputDirectory}, each with {@code entries}
 * candidates in tree {@code taus}.
 *
 * @param outputDirectory where {@code <sample>.root} files go
 * @param entries         candidates per sample, in declaration order
 * @param seed            the seed every random stream derives from
 * @param mismodelling    how data differ from simulation
 * @param particles       whether to write the particle-level vector branches (pfCand_, ele_, muon_)
 * @param compression     output compression algorithm
 * @param level           output compression level (0 stores raw)
 * @param threads         generator threads; the output does not depend on it
 */
public record ToyRequest(Path outputDirectory, Map<ToySample, Long> entries, long seed, Mismodelling mismodelling,
                         boolean particles, Compression compression, int level, int threads) {
    public ToyRequest {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(mismodelling, "mismodelling");
        Objects.requireNonNull(compression, "compression");
        entries = Map.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no toy samples requested");
        }
        entries.forEach((s, n) -> {
            if (n <= 0) {
                throw new IllegalArgumentException("sample " + s.fileName() + ": entries must be positive, got " + n);
            }
        });
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
