package io.github.tauml.pipeline.toy;

/** What a reconstructed τh candidate really is, with the genLepton_kind the gen matching sees. */
public enum CandidateKind {
    /** A hadronic τ decay (genLepton_kind 5). */
    TAU,
    /** A prompt electron or one from a τ decay (genLepton_kind 1 or 3). */
    ELECTRON,
    /** A prompt muon or one from a τ decay (genLepton_kind 2 or 4). */
    MUON,
    /** A quark or gluon jet with a matched generator jet. */
    JET,
    /** A jet from pile-up: no generator object at all (mytauType -1). */
    PILEUP_JET;

    /** The TauType code of what the candidate really is: 0 e, 1 μ, 2 τh, 3 jet, −1 pile-up jet (no generator object). */
    public int tauTypeCode() {
        return switch (this) {
            case ELECTRON -> 0;
            case MUON -> 1;
            case TAU -> 2;
            case JET -> 3;
            case PILEUP_JET -> -1;
        };
    }
}
