package io.github.tauml.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Grid indexing and filling against hand-placed objects (§3.1). */
class CellGridTest {
    static final GridGeometry INNER = new GridGeometry("inner", 11, 0.02);
    static final GridGeometry OUTER = new GridGeometry("outer", 21, 0.05);

    @Test
    void cellIndexRoundsHalfAwayFromZeroAroundTheCentreCell() {
        assertThat(INNER.index(0)).isEqualTo(5);
        assertThat(INNER.index(0.0099)).isEqualTo(5);
        assertThat(INNER.index(-0.0099)).isEqualTo(5);
        // |Δ| = size/2 exactly is the boundary: floor(0.5 + 0.5) = 1, away from zero on both sides.
        assertThat(INNER.index(0.01)).isEqualTo(6);
        assertThat(INNER.index(-0.01)).isEqualTo(4);
        assertThat(INNER.index(0.0299)).isEqualTo(6);
        assertThat(INNER.index(0.0301)).isEqualTo(7);
        assertThat(INNER.index(0.1099)).isEqualTo(10);
        assertThat(INNER.index(-0.1099)).isEqualTo(0);
        // The outer edge size·n/2 would round to a 12th cell: outside, as is anything beyond.
        assertThat(INNER.maxDelta()).isCloseTo(0.11, within(1e-15));
        assertThat(INNER.index(0.11)).isEqualTo(-1);
        assertThat(INNER.index(-0.2)).isEqualTo(-1);
        assertThat(INNER.index(Double.NaN)).isEqualTo(-1);
        assertThat(OUTER.index(0.524)).isEqualTo(20);
        assertThat(OUTER.index(-0.476)).isEqualTo(0);
        assertThat(OUTER.index(0.526)).isEqualTo(-1);
    }

    @Test
    void deltaPhiWrapsAroundPi() {
        assertThat(CellGrid.deltaPhi(-3.13, 3.13)).isCloseTo(2 * Math.PI - 6.26, within(1e-12));
        assertThat(CellGrid.deltaPhi(3.13, -3.13)).isCloseTo(6.26 - 2 * Math.PI, within(1e-12));
        assertThat(CellGrid.deltaPhi(0.3, 0.1)).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void signalConeRadiusAtLowAndHighPt() {
        FeatureSet s = FeatureSet.v2p5();
        assertThat(s.signalCone(20)).isCloseTo(0.1, within(1e-15)); // pT below 30 counts as 30
        assertThat(s.signalCone(30)).isCloseTo(0.1, within(1e-15));
        assertThat(s.signalCone(45)).isCloseTo(3.0 / 45, within(1e-15));
        assertThat(s.signalCone(60)).isCloseTo(0.05, within(1e-15));
        assertThat(s.signalCone(500)).isCloseTo(0.05, within(1e-15)); // the 0.05 floor
    }

    private static int[] fill(GridGeometry g, double cone, double tauEta, double tauPhi, double[][] objects,
                              int wantType) {
        int n = objects.length;
        float[] pt = new float[n];
        float[] eta = new float[n];
        float[] phi = new float[n];
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            pt[i] = (float) objects[i][0];
            eta[i] = (float) objects[i][1];
            phi[i] = (float) objects[i][2];
            type[i] = (int) objects[i][3];
        }
        int[] best = new int[g.cellCount()];
        CellGrid.fill(g, cone, tauEta, tauPhi, pt, eta, phi, type, wantType, 0, n, best);
        return best;
    }

    private static int cell(GridGeometry g, int etaIndex, int phiIndex) {
        return etaIndex * g.cells() + phiIndex;
    }

    @Test
    void highestPtObjectPerCellWinsAndTiesKeepTheFirst() {
        double[][] objects = {
            {5, 0.5, 1.0, 2},    // 0: centre cell
            {9, 0.505, 1.004, 2}, // 1: same cell, harder: wins
            {9, 0.495, 0.996, 2}, // 2: same cell, same pT as 1: 1 stays
            {4, 0.5, 1.035, 2},  // 3: Δφ = +0.035 → phi index 5 + 2
            {50, 0.5, 1.0, 4},   // 4: another type: not in this block
        };
        int[] best = fill(INNER, 0.1, 0.5, 1.0, objects, 2);
        assertThat(best[cell(INNER, 5, 5)]).isEqualTo(1);
        assertThat(best[cell(INNER, 5, 7)]).isEqualTo(3);
        long filled = Arrays.stream(best).filter(b -> b >= 0).count();
        assertThat(filled).isEqualTo(2); // every other cell is empty
        int[] gammas = fill(INNER, 0.1, 0.5, 1.0, objects, 4);
        assertThat(gammas[cell(INNER, 5, 5)]).isEqualTo(4);
    }

    @Test
    void objectsAcrossThePhiBoundaryLandNextToTheTau() {
        double[][] objects = {{10, 0.0, -3.13, 1}, {10, 0.0, 3.095, 1}};
        int[] best = fill(INNER, 0.1, 0.0, 3.13, objects, 1);
        // Δφ = 2π − 6.26 = +0.0232 → phi index 5 + 1; Δφ = −0.035 → 5 − 2.
        assertThat(best[cell(INNER, 5, 6)]).isEqualTo(0);
        assertThat(best[cell(INNER, 5, 3)]).isEqualTo(1);
    }

    @Test
    void coneAndGridEdgesExcludeObjects() {
        double[][] objects = {
            {10, 0.08, 0.0, 1},  // 0: ΔR 0.08: inside the 0.1 cone at pT 30, outside the 0.05 cone at pT 60
            {10, 0.0, 0.049, 1}, // 1: inside both
            {10, 0.4, 0.4, 1},   // 2: ΔR 0.566 > 0.5: outside the outer cone though inside the outer grid
            {10, 0.49, 0.0, 1},  // 3: outer: Δη index round(9.8) = 10 → 20
            {10, 0.0, 0.5, 1},   // 4: ΔR = 0.5 exactly: the cone is strict
        };
        int[] lowPt = fill(INNER, FeatureSet.v2p5().signalCone(30), 0, 0, objects, 1);
        assertThat(lowPt[cell(INNER, 9, 5)]).isEqualTo(0);
        assertThat(lowPt[cell(INNER, 5, 7)]).isEqualTo(1);
        int[] highPt = fill(INNER, FeatureSet.v2p5().signalCone(60), 0, 0, objects, 1);
        assertThat(highPt[cell(INNER, 9, 5)]).isEqualTo(-1);
        assertThat(highPt[cell(INNER, 5, 7)]).isEqualTo(1);
        assertThat(Arrays.stream(highPt).filter(b -> b >= 0).count()).isEqualTo(1);
        int[] outer = fill(OUTER, 0.5, 0, 0, objects, 1);
        assertThat(outer[cell(OUTER, 20, 10)]).isEqualTo(3);
        assertThat(outer[cell(OUTER, 18, 18)]).isEqualTo(-1);
        assertThat(outer[cell(OUTER, 10, 20)]).isEqualTo(-1);
        // Objects 0 and 1 share the outer centre region: 0 at Δη 0.08 → index 12, 1 at Δφ 0.049 → index 11.
        assertThat(outer[cell(OUTER, 12, 10)]).isEqualTo(0);
        assertThat(outer[cell(OUTER, 10, 11)]).isEqualTo(1);
        assertThat(Arrays.stream(outer).filter(b -> b >= 0).count()).isEqualTo(3);
    }

    @Test
    void presetsHaveTheReferenceChannelCounts() {
        FeatureSet v = FeatureSet.v2p5();
        assertThat(v.tau()).hasSize(43);
        assertThat(v.channels("egamma")).hasSize(86);
        assertThat(v.channels("muon")).hasSize(64);
        assertThat(v.channels("hadrons")).hasSize(38);
        assertThat(v.channels("egamma").subList(0, 5)).containsExactly("rho", "tau_pt", "tau_eta",
                "tau_inside_ecal_crack", "pfCand_ele_valid");
        assertThat(v.channels("muon").get(4 + 23)).isEqualTo("muon_valid");
        assertThat(v.channels("hadrons").get(4 + 27)).isEqualTo("pfCand_nHad_valid");
        assertThat(v.tauNames()).doesNotContain("tau_phi");
        FeatureSet s = FeatureSet.small();
        assertThat(s.channels("egamma").size()).isLessThan(86);
        assertThat(s.inner().cells()).isLessThan(11);
    }
}
