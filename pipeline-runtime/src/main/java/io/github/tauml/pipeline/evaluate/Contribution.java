package io.github.tauml.pipeline.evaluate;

import java.util.List;

/**
 * The contributions of the adversarial mix by {@code dataset_id} (reference §2.5, §2.6), with the labels and the
 * stacking order of the D_jet plot (§5: bottom to top tt jets, QCD jets, W+jets jets, DY μ→τh, tt τh, DY τh).
 */
public enum Contribution {
    DATA(0, "data", "Data"),
    DYT(1, "DYT", "DY \u2192 \u03c4\u03c4 (\u03c4h)"),
    TTT(2, "TTT", "tt\u0304 (\u03c4h)"),
    DYM(3, "DYM", "DY \u2192 \u03bc\u03bc (\u03bc\u2192\u03c4h)"),
    TTJ(4, "TTJ", "tt\u0304 (jet\u2192\u03c4h)"),
    WJ(5, "WJ", "W+jets (jet\u2192\u03c4h)"),
    QCD(6, "QCD", "QCD (jet\u2192\u03c4h)");

    /** Simulation, bottom of the stack first (§5). */
    public static final List<Contribution> STACK = List.of(TTJ, QCD, WJ, DYM, TTT, DYT);

    private final int datasetId;
    private final String key;
    private final String label;

    Contribution(int datasetId, String key, String label) {
        this.datasetId = datasetId;
        this.key = key;
        this.label = label;
    }

    public int datasetId() {
        return datasetId;
    }

    /** The histogram name of {@code adv_weights.root} (§2.5). */
    public String key() {
        return key;
    }

    /** Legend label. */
    public String label() {
        return label;
    }

    /** The contribution of {@code dataset_id}, or null for an id outside 0–6. */
    public static Contribution of(int datasetId) {
        return datasetId >= 0 && datasetId < values().length ? values()[datasetId] : null;
    }
}
