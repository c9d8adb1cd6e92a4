package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AgreementTest {
    static final DjetBinning BIN = DjetBinning.REFERENCE;

    @Test
    void chi2SumsSquaredDifferencesOverBothVariances() {
        Histogram data = new Histogram(2, 0, 1), sim = new Histogram(2, 0, 1);
        for (int i = 0; i < 100; i++) {
            data.fill(0.25, 1);
        }
        for (int i = 0; i < 64; i++) {
            data.fill(0.75, 1);
        }
        for (int i = 0; i < 200; i++) {
            sim.fill(0.25, 0.5);   // 100 ± sqrt(50)
        }
        for (int i = 0; i < 40; i++) {
            sim.fill(0.75, 2);     // 80 ± sqrt(160)
        }
        Agreement.Chi2 c = Agreement.chi2(data, sim);
        assertThat(c.ndf()).isEqualTo(2);
        assertThat(c.chi2()).isCloseTo(0 + 16.0 * 16.0 / (64 + 160), within(1e-12));
        assertThat(c.pValue()).isCloseTo(Math.exp(-c.chi2() / 2), within(1e-9)); // chi2 with 2 ndf: exp(-x/2)
    }

    @Test
    void emptyBinsDoNotCountAsDegreesOfFreedom() {
        Histogram data = new Histogram(4, 0, 1), sim = new Histogram(4, 0, 1);
        data.fill(0.1, 1);
        sim.fill(0.1, 1);
        assertThat(Agreement.chi2(data, sim).ndf()).isEqualTo(1);
    }

    /**
     * Data and simulation drawn from the same mixture (simulation weighted 0.5, twice as many candidates): χ²/ndf has
     * mean 1 and, with 40 bins, a spread of √(2/40) ≈ 0.22 per sample; the mean of 25 independent samples must lie
     * within 3 standard errors (±0.134) of 1.
     */
    @Test
    void identicalDistributionsGiveChi2PerNdfOfOne() {
        double sum = 0;
        int n = 25;
        for (int s = 0; s < n; s++) {
            AdversarialPredictions p = Synthetic.mix(100 + s, 200, 20, 20, 0.5f, false);
            sum += DjetComparison.of(p, BIN).chi2().perNdf();
        }
        assertThat(sum / n).isCloseTo(1.0, within(3 * Math.sqrt(2.0 / 40) / Math.sqrt(n)));
    }

    /** A data τh shape Beta(16,1) against a simulated Beta(20,1): far outside the statistical spread. */
    @Test
    void shiftedDistributionGivesLargeChi2() {
        AdversarialPredictions same = Synthetic.mix(7, 400, 20, 20, 1f, false);
        AdversarialPredictions shifted = Synthetic.mix(7, 400, 20, 16, 1f, false);
        double chi2Same = DjetComparison.of(same, BIN).chi2().perNdf();
        Agreement.Chi2 chi2Shifted = DjetComparison.of(shifted, BIN).chi2();
        // 40 bins: chi2/ndf above 2 has a probability below 1e-4 when the distributions agree.
        assertThat(chi2Same).isLessThan(2.0);
        assertThat(chi2Shifted.perNdf()).isGreaterThan(2.0);
        assertThat(chi2Shifted.pValue()).isLessThan(1e-6);
    }

    /**
     * KS of two samples of one distribution stays below the 0.1 % critical value 1.95·√((n+m)/(n·m)), and grows past
     * it for a shifted sample.
     */
    @Test
    void ksDistanceFollowsItsCriticalValue() {
        AdversarialPredictions same = Synthetic.mix(11, 400, 20, 20, 1f, false);
        int nd = 0, ns = 0;
        for (int i = 0; i < same.size(); i++) {
            if (BIN.contains(same.djet()[i])) {
                if (same.y()[i] == 1) {
                    nd++;
                } else {
                    ns++;
                }
            }
        }
        double critical = 1.95 * Math.sqrt((nd + ns) / ((double) nd * ns));
        assertThat(Metrics.ksDjet(same, BIN)).isLessThan(critical);
        assertThat(Metrics.ksDjet(Synthetic.mix(11, 400, 20, 16, 1f, false), BIN)).isGreaterThan(critical);
    }

    @Test
    void weightedKsOnAHandWorkedExample() {
        // a: {1 (w 1), 2 (w 3)}, b: {1.5 (w 1), 2 (w 1)}; CDFs after 1: 0.25 vs 0; after 1.5: 0.25 vs 0.5; after 2: 1 vs 1
        float[] a = {2, 1}, wa = {3, 1}, b = {1.5f, 2}, wb = {1, 1};
        assertThat(Agreement.ks(a, wa, b, wb)).isCloseTo(0.25, within(1e-12));
        // equal weights reproduce the unweighted statistic: {1,2,3} vs {2,3,4} → 1/3
        assertThat(Agreement.ks(new float[] {1, 2, 3}, Agreement.ones(3), new float[] {2, 3, 4}, Agreement.ones(3)))
                .isCloseTo(1.0 / 3, within(1e-12));
        // a weight of 2 is the same as the candidate twice
        assertThat(Agreement.ks(new float[] {1, 5}, new float[] {2, 1}, new float[] {3}, Agreement.ones(1)))
                .isEqualTo(Agreement.ks(new float[] {1, 1, 5}, Agreement.ones(3), new float[] {3}, Agreement.ones(1)));
    }

    @Test
    void ratioStatisticsOfTheNotebook() {
        Histogram data = new Histogram(40, 0.9, 1), sim = new Histogram(40, 0.9, 1);
        for (int b = 0; b < 40; b++) {
            double x = data.center(b);
            sim.fill(x, 100);
            data.fill(x, b >= 30 ? (b % 2 == 0 ? 110 : 90) : 150);
        }
        assertThat(Agreement.rmsRatioTop(data, sim, 10)).isCloseTo(0.1, within(1e-12));
        assertThat(Agreement.rmsRatioTop(data, sim, 20)).isCloseTo(Math.sqrt((10 * 0.25 + 10 * 0.01) / 20),
                within(1e-12));
        assertThat(Agreement.topBinRatio(data, sim)).isCloseTo(0.9, within(1e-12));
    }

    /** A float32 D_jet equal to a float32 bin edge opens the bin above it, as numpy bins float32 arrays. */
    @Test
    void aValueOnAnEdgeIsInTheBinAboveIt() {
        Histogram h = BIN.histogram();
        h.fill(0.955f, 1);
        h.fill(Math.nextDown(0.955f), 1);
        assertThat(h.content(22)).isEqualTo(1);
        assertThat(h.content(21)).isEqualTo(1);
        assertThat(h.bin(0.9f)).isZero();
        assertThat(h.bin(Math.nextDown(0.9f))).isEqualTo(-1);
    }

    @Test
    void djetOfOneIsInTheTopBin() {
        Histogram h = BIN.histogram();
        h.fill(1.0, 1);
        h.fill(0.9, 1);
        h.fill(0.8999, 1);
        assertThat(h.content(39)).isEqualTo(1);
        assertThat(h.content(0)).isEqualTo(1);
        assertThat(h.total()).isEqualTo(2);
    }
}
