package io.github.tauml.pipeline.config;

/**
 * One {@code <contribution>} as the pom declares it, shared by the reweight and mix goals (declared once at the
 * plugin level, both read it). Every field may be null (not declared).
 *
 * @param name      the selection key ({@code data}, {@code DY_taus}): names the block in logs and errors
 * @param input     the skimmed (or dropped) ROOT file, relative to the project directory
 * @param tree      its tree; null: the goal's {@code <tree>}
 * @param perBatch  entries per mixed batch
 * @param datasetId the {@code dataset_id} the mix writes
 * @param data      whether it is data; null: true for the name {@code data}
 * @param weights   the name of its pT-weight histogram ({@code DYT}); null: the name
 * @param target    the reweight target (per-contribution mode): {@code file.root:dir/hist} or another contribution's
 *                  name; null: none
 */
public record ContributionDeclaration(String name, String input, String tree, Integer perBatch, Long datasetId,
                                      Boolean data, String weights, String target) {

    /** {@code <contributions><contribution name="DY_taus">}, the prefix of this contribution's elements. */
    public String element() {
        return "<contributions><contribution name=\"" + (name == null ? "" : name.trim()) + "\">";
    }

    public boolean isData() {
        return data != null ? data : "data".equals(name == null ? null : name.trim());
    }

    public String weightsName() {
        return weights == null || weights.isBlank() ? name.trim() : weights.trim();
    }
}
