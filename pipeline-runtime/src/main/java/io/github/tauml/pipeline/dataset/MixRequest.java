package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The mix (reference §2.6, TauMLTools' {@code AdversarialEventMix.py} / {@code DatasetMix}): fixed-composition batches
 * of data and simulation, written as two outputs (train/validation, then evaluation) from the same input streams.
 *
 * @param contributions     the blocks of a batch, in the order they are written (the reference's: data, DY_taus,
 *                          tt_taus, W_jets, QCD_jets, tt_jets, DY_muons)
 * @param weights           the ROOT file of pT-weight TH1s (the reweight stage's output, or the user's), or null to
 *                          write weight 1
 * @param ptBranch          the branch the weights are looked up with ({@code tau_pt}, GeV)
 * @param tauTypeBranch     the simulated samples' true-τ-type column copied into {@code tauType} ({@code mytauType})
 * @param trainvalBatches   batches of the train/validation output (the reference: 1125)
 * @param evaluationBatches batches of the evaluation output, from the entries that follow (the reference: 750)
 * @param shuffle           false: entries in file order, as the reference; true: a seeded permutation of each
 *                          contribution's entries (its input is then held in memory)
 * @param seed              the shuffle's seed
 * @param trainvalOutput    the train/validation ROOT file ({@code adv_dataset_trainval.root})
 * @param evaluationOutput  the evaluation ROOT file ({@code adv_dataset_evaluate.root})
 * @param compression       output compression
 * @param level             output compression level 0..9
 * @param threads           threads decoding input branches
 */
public record MixRequest(List<Contribution> contributions, Path weights, String ptBranch, String tauTypeBranch,
                         int trainvalBatches, int evaluationBatches, boolean shuffle, long seed, Path trainvalOutput,
                         Path evaluationOutput, Compression compression, int level, int threads) {

    /**
     * One block of every batch.
     *
     * @param name      the selection key ({@code data}, {@code DY_taus}), for logs and errors
     * @param element   the pom element that declares it, named in errors
     *                  ({@code <contributions><contribution name="DY_taus">})
     * @param input     the (skimmed, dropped) ROOT file
     * @param tree      its tree ({@code taus})
     * @param perBatch  entries per batch
     * @param datasetId the {@code dataset_id} written
     * @param data      true: {@code tauType} 8 (data); false: copied from the τ-type column
     * @param weights   the name of its pT-weight histogram in the weights file ({@code DYT})
     */
    public record Contribution(String name, String element, Path input, String tree, int perBatch, long datasetId,
                               boolean data, String weights) {
        public Contribution {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(tree, "tree");
            Objects.requireNonNull(weights, "weights");
            if (perBatch < 1) {
                throw new IllegalArgumentException(name + ": entries per batch must be at least 1, got " + perBatch);
            }
            if (datasetId < 0) {
                throw new IllegalArgumentException(name + ": dataset_id must not be negative, got " + datasetId);
            }
        }
    }

    public MixRequest {
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(ptBranch, "ptBranch");
        Objects.requireNonNull(tauTypeBranch, "tauTypeBranch");
        Objects.requireNonNull(trainvalOutput, "trainvalOutput");
        Objects.requireNonNull(evaluationOutput, "evaluationOutput");
        Objects.requireNonNull(compression, "compression");
        if (contributions.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one contribution");
        }
        Set<String> names = new HashSet<>();
        for (Contribution c : contributions) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("contribution '" + c.name() + "' is declared twice");
            }
        }
        if (trainvalBatches < 0 || evaluationBatches < 0 || trainvalBatches + evaluationBatches == 0) {
            throw new IllegalArgumentException("batch counts must not be negative and not both 0, got "
                    + trainvalBatches + " and " + evaluationBatches);
        }
        if (trainvalOutput.toAbsolutePath().normalize().equals(evaluationOutput.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the train/validation and evaluation outputs are the same file");
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0..9, got " + level);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** Entries per batch, all contributions together (the reference: 100). */
    public int batchSize() {
        return contributions.stream().mapToInt(Contribution::perBatch).sum();
    }
}
