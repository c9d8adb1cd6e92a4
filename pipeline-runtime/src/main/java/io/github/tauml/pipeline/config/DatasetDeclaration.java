package io.github.tauml.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code dataset} goal as declared in a pom (or any other front end), before validation: {@link DatasetConfig}
 * turns it into stage requests, naming the pom element of every problem. Paths are resolved against
 * {@code baseDirectory}. {@code null} means "not given" (the default applies).
 *
 * @param baseDirectory  directory relative paths are resolved against (the project's basedir)
 * @param preset         {@code small} or {@code v2p5}
 * @param innerCells     inner grid cells per side (odd), or null for the preset's
 * @param innerCellSize  inner cell size, or null
 * @param outerCells     outer grid cells per side (odd), or null
 * @param outerCellSize  outer cell size, or null
 * @param tauFeatures    TauFlat features by TauMLTools name (from the preset or the v2p5 catalogue), or empty for
 *                       the preset's
 * @param blockFeatures  per block name ({@code GridGlobal}, {@code PfCand_electron}, ..., {@code Muon}) the
 *                       features by name, replacing the preset's list of that block
 * @param classification the classification dataset, or null
 * @param adversarial    the adversarial dataset, or null
 * @param gzip           GZIP shards
 * @param shards         shards per split
 * @param threads        decoding threads (0: every processor)
 */
public record DatasetDeclaration(Path baseDirectory, String preset, Integer innerCells, Double innerCellSize,
                                 Integer outerCells, Double outerCellSize, List<String> tauFeatures,
                                 Map<String, List<String>> blockFeatures, Classification classification,
                                 Adversarial adversarial, boolean gzip, int shards, int threads) {
    public DatasetDeclaration {
        tauFeatures = tauFeatures == null ? List.of() : List.copyOf(tauFeatures);
        blockFeatures = blockFeatures == null ? Map.of() : Map.copyOf(blockFeatures);
    }

    /** {@code <classification>}: see {@code tfdata.ClassificationRequest}. */
    public record Classification(List<String> inputs, String tree, String tauTypeBranch, String output,
                                 String scalingFile, long seed, double validationFraction, double weightThr) {
        public Classification {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }
    }

    /**
     * {@code <adversarial>}: see {@code tfdata.AdversarialRequest}; without {@code scalingFile} the classification
     * dataset's {@code scaling.json} is used.
     */
    public record Adversarial(List<String> inputs, String tree, String output, String scalingFile, int batchSize,
                              int trainBatches, int validationBatches, long seed) {
        public Adversarial {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }
    }
}
