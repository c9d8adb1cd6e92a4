package io.github.tauml.pipeline.tfdata;

/**
 * One τ candidate read back from a dataset, grids densified.
 *
 * @param inputs      one dense float array per {@link DatasetSpec#inputs() input}, in spec order; a grid is
 *                    row-major {@code [eta][phi][channel]}, empty cells all zero
 * @param targets     classification: the one-hot {@code y} (e, μ, τ, jet); adversarial: {@code [label]}
 * @param weight      the training weight (classification) or the pT weight (adversarial)
 * @param datasetId   adversarial: the mix's {@code dataset_id}; classification: -1
 * @param tauPt       unscaled τ pT (GeV)
 * @param tauEta      unscaled τ η
 * @param decayMode   {@code tau_decayMode}
 * @param entry       the row of the source ROOT file
 * @param toyTruth    {@code toy_truth_tauType} when the source carried it, else -1
 */
public record DatasetRecord(float[][] inputs, float[] targets, float weight, long datasetId, float tauPt,
                            float tauEta, long decayMode, long entry, long toyTruth) {
}
