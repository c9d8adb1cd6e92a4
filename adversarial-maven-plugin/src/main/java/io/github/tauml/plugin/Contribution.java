package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ContributionDeclaration;

/**
 * One {@code <contribution>} of the {@code reweight} and {@code mix} goals: one block of every mixed batch (reference
 * §2.6). Declare {@code <contributions>} once in the plugin's {@code <configuration>} so both goals read the same.
 *
 * <pre>{@code
 * <contribution>
 *   <name>DY_taus</name>
 *   <input>${project.build.directory}/adversarial/skim/DY_taus.root</input>
 *   <perBatch>36</perBatch>
 *   <datasetId>1</datasetId>
 *   <weights>DYT</weights>
 * </contribution>
 * }</pre>
 */
public class Contribution {
    /** The selection key ({@code data}, {@code DY_taus}): names the block in logs and errors. */
    private String name;
    /** The skimmed (or dropped) ROOT file. */
    private String input;
    /** Its tree; empty: the goal's {@code <tree>}. */
    private String tree;
    /** Entries per mixed batch (the reference: 50 data, 36 DY τh, 2 tt τh, 5 W jets, 5 QCD jets, 1 tt jet, 1 DY μ). */
    private Integer perBatch;
    /** The {@code dataset_id} written (the reference: 0 data, 1 DYT, 2 TTT, 3 DYM, 4 TTJ, 5 WJ, 6 QCD). */
    private Long datasetId;
    /** Whether it is data (tauType 8, weight histogram of data); empty: true for the name {@code data}. */
    private Boolean data;
    /** The name of its pT-weight histogram ({@code DYT}); empty: the name. */
    private String weights;
    /** The reweight target in per-contribution mode: {@code file.root:dir/hist} or another contribution's name. */
    private String target;

    public Contribution() {
    }

    ContributionDeclaration declaration() {
        return new ContributionDeclaration(name, input, tree, perBatch, datasetId, data, weights, target);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getInput() {
        return input;
    }

    public void setInput(String input) {
        this.input = input;
    }

    public String getTree() {
        return tree;
    }

    public void setTree(String tree) {
        this.tree = tree;
    }

    public Integer getPerBatch() {
        return perBatch;
    }

    public void setPerBatch(Integer perBatch) {
        this.perBatch = perBatch;
    }

    public Long getDatasetId() {
        return datasetId;
    }

    public void setDatasetId(Long datasetId) {
        this.datasetId = datasetId;
    }

    public Boolean getData() {
        return data;
    }

    public void setData(Boolean data) {
        this.data = data;
    }

    public String getWeights() {
        return weights;
    }

    public void setWeights(String weights) {
        this.weights = weights;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
