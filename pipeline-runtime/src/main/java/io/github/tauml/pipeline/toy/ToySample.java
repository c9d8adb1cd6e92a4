package io.github.tauml.pipeline.toy;

/**
 * The toy processes: which candidates they contain and how hard their spectra are. Fractions are of generated
 * candidates (before any selection); the data sample is the μτh control-region mixture of the simulated ones.
 */
public enum ToySample {
    /** Collision data in the μτh control region: a mixture of the processes below, with the mismodelling. */
    DATA("data", 0, new double[] {0, 0, 0, 0, 0}),
    /** Z/γ*→ττ→μτh: mostly genuine τh. */
    DY_TAUTAU("DYtautau", 1, new double[] {0.86, 0.0, 0.02, 0.11, 0.01}),
    /** Z/γ*→μμ: a muon faking τh, plus jets. */
    DY_MUMU("DYmumu", 1, new double[] {0.0, 0.0, 0.55, 0.43, 0.02}),
    /** tt̄ semileptonic: τh from W decays and many jets. */
    TTBAR("TT", 1, new double[] {0.22, 0.02, 0.01, 0.74, 0.01}),
    /** W+jets: jets faking τh. */
    WJETS("WJets", 1, new double[] {0.01, 0.01, 0.01, 0.95, 0.02}),
    /** QCD multijet: jets faking τh. */
    QCD("QCD", 1, new double[] {0.0, 0.01, 0.0, 0.96, 0.03}),
    /** The classification training set: balanced genuine τh, e→τh, μ→τh and jet→τh over a broad spectrum. */
    TRAINING("training", 1, new double[] {0.25, 0.25, 0.25, 0.25, 0.0});

    private final String fileName;
    private final int sampleType;
    private final double[] kindFractions;

    ToySample(String fileName, int sampleType, double[] kindFractions) {
        this.fileName = fileName;
        this.sampleType = sampleType;
        this.kindFractions = kindFractions;
    }

    /** The base name of this sample's file ({@code DYtautau.root}). */
    public String fileName() {
        return fileName;
    }

    /** TauTuple's sampleType: 0 data, 1 simulation. */
    public int sampleType() {
        return sampleType;
    }

    public boolean isData() {
        return this == DATA;
    }

    double kindFraction(CandidateKind k) {
        return kindFractions[k.ordinal()];
    }

    /** By file name or enum name, case-insensitive ("DYtautau", "dy_tautau", "data"). */
    public static ToySample parse(String s) {
        for (ToySample t : values()) {
            if (t.fileName.equalsIgnoreCase(s) || t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown toy sample '" + s + "': use one of data, DYtautau, DYmumu, TT, "
                + "WJets, QCD, training");
    }
}
