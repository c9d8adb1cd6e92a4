package io.github.tauml.pipeline.toy;

/**
 * How the toy "data" differ from the toy simulation. Each factor is 1 for a perfect simulation. The defaults are
 * the strong version of the calibration study (../shared/docs/toy-mismodelling.md): mismodelling that reaches
 * genuine τh in the features that separate them from jets, which is what makes the data/simulation difference
 * visible in D_jet ∈ [0.9, 1] and what adversarial fine-tuning then removes.
 *
 * @param tauEnergyScale          reconstructed τh pT in data / simulation
 * @param jetPhotonMultiplicity   mean number of photons in jets
 * @param jetNeutralHadronResponse pT of neutral hadrons in jets
 * @param tauPhotonActivity       mean number of soft photons around genuine τh (isolation cone)
 * @param pileupDensity           ρ, and with it the number of pile-up particles in the cone
 * @param ipResolution            width of the impact-parameter resolution (and its estimated error)
 * @param ipTails                 rate of 3σ impact-parameter tails
 */
public record Mismodelling(double tauEnergyScale, double jetPhotonMultiplicity, double jetNeutralHadronResponse,
                           double tauPhotonActivity, double pileupDensity, double ipResolution, double ipTails) {

    public Mismodelling {
        check("tauEnergyScale", tauEnergyScale);
        check("jetPhotonMultiplicity", jetPhotonMultiplicity);
        check("jetNeutralHadronResponse", jetNeutralHadronResponse);
        check("tauPhotonActivity", tauPhotonActivity);
        check("pileupDensity", pileupDensity);
        check("ipResolution", ipResolution);
        check("ipTails", ipTails);
    }

    private static void check(String name, double v) {
        if (!(v > 0) || v > 100) {
            throw new IllegalArgumentException("mismodelling factor " + name + " must be in (0, 100], got " + v);
        }
    }

    /** Data identical to simulation: the statistical floor, and a regression test for the fine-tuning. */
    public static Mismodelling none() {
        return new Mismodelling(1, 1, 1, 1, 1, 1, 1);
    }

    /** The strong version of the calibration study. */
    public static Mismodelling defaults() {
        return new Mismodelling(1.02, 1.15, 1.0, 2.0, 1.2, 1.3, 3.0);
    }
}
