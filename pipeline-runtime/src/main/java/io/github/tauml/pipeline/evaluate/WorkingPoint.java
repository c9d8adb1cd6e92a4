package io.github.tauml.pipeline.evaluate;

import java.util.List;

/**
 * A discriminator working point: a candidate passes when its score is strictly above {@code threshold}.
 *
 * @param name      the CMS name (Loose, Medium, ...)
 * @param threshold the cut on the discriminator
 */
public record WorkingPoint(String name, double threshold) {
    /**
     * DeepTau v2p5 VSjet working points, CMSSW {@code tauIdWPsDefs.py} {@code WORKING_POINTS_v2p5} (reference §6).
     */
    public static final List<WorkingPoint> V2P5_VSJET = List.of(
            new WorkingPoint("VVVLoose", 0.4083), new WorkingPoint("VVLoose", 0.6285),
            new WorkingPoint("VLoose", 0.8052), new WorkingPoint("Loose", 0.9233),
            new WorkingPoint("Medium", 0.9632), new WorkingPoint("Tight", 0.9799),
            new WorkingPoint("VTight", 0.9884), new WorkingPoint("VVTight", 0.9931));

    public WorkingPoint {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("working point name '" + name + "' must be letters, digits or _");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("working point " + name + " has no finite threshold");
        }
    }
}
