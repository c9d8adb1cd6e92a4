package io.github.tauml.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features of hand-placed candidates read back from a real ROOT file written by root-io. */
class FeatureExtractorTest {
    @TempDir
    Path tmp;

    private InputBatch extract(FeatureSet set, List<HandTuple.Tau> taus) throws Exception {
        Path file = tmp.resolve("hand.root");
        HandTuple.write(file, taus);
        try (RootFile rf = RootFile.open(file)) {
            TTree tree = rf.tree("taus");
            FeatureExtractor ex = FeatureExtractor.compile(set, tree, "features");
            Columns batch = tree.read(ex.branches(), 0, tree.entries());
            return ex.extract(batch);
        }
    }

    private static List<HandTuple.Tau> taus() {
        HandTuple.Tau a = new HandTuple.Tau(40, 0.5, 3.13).set("rho", 20).set("tau_decayMode", 11)
                .set("tau_dxy", 0.01).set("tau_dxy_error", 0.005).set("tau_mass", 1.2);
        a.pf(2, 10, 0.5, 3.13, "charge", -1, "dxy", 0.02, "dxy_error", 0.01);  // PF electron at the centre
        a.pf(4, 5, 0.535, -3.13);                                               // PF photon across φ = π
        a.pf(4, 3, 0.535, -3.13);                                               // softer photon, same cell
        a.pf(1, 20, 0.5, 3.13, "hcalFraction", 0.25);                          // charged hadron at the centre
        a.add("muon", 30, 1.5, 3.13);                                           // muon far outside both cones
        HandTuple.Tau b = new HandTuple.Tau(100, -1.0, 0.0).set("rho", 10).set("tau_dxy", -20);
        return List.of(a, b);
    }

    @Test
    void gridsHoldTheHardestObjectOfEachBlockPerCellWithGridGlobalOnlyInNonEmptyCells() throws Exception {
        FeatureSet set = FeatureSet.small();
        InputBatch x = extract(set, taus());
        assertThat(x.size).isEqualTo(2);
        InputBatch.Grid innerEgamma = x.grids[0];
        assertThat(innerEgamma.key).isEqualTo("inner_egamma");
        assertThat(innerEgamma.channels).isEqualTo(set.channels("egamma").size());
        int centre = 3 * 7 + 3;
        // Photon: Δη = 0.035 → 1 cell up; Δφ = 2π − 6.26 = 0.0232 → 1 cell right.
        int photonCell = 4 * 7 + 4;
        assertThat(cells(innerEgamma, 0)).containsExactly(centre, photonCell);
        List<String> ch = set.channels("egamma");
        float[] dense = innerEgamma.dense(0);
        int c0 = centre * innerEgamma.channels;
        assertThat(dense[c0 + ch.indexOf("rho")]).isEqualTo(20f);
        assertThat(dense[c0 + ch.indexOf("tau_pt")]).isEqualTo(40f);
        assertThat(dense[c0 + ch.indexOf("pfCand_ele_valid")]).isEqualTo(1f);
        assertThat(dense[c0 + ch.indexOf("pfCand_ele_rel_pt")]).isEqualTo(0.25f);
        assertThat(dense[c0 + ch.indexOf("pfCand_ele_charge")]).isEqualTo(-1f);
        assertThat(dense[c0 + ch.indexOf("pfCand_ele_dxy_sig")]).isCloseTo(2f, within(1e-5f));
        assertThat(dense[c0 + ch.indexOf("pfCand_gamma_valid")]).isNaN(); // no photon there: not filled
        int c1 = photonCell * innerEgamma.channels;
        assertThat(dense[c1 + ch.indexOf("rho")]).isEqualTo(20f);
        assertThat(dense[c1 + ch.indexOf("pfCand_ele_valid")]).isNaN();
        assertThat(dense[c1 + ch.indexOf("pfCand_gamma_rel_pt")]).isEqualTo(5f / 40f);
        assertThat(dense[c1 + ch.indexOf("pfCand_gamma_deta")]).isCloseTo(0.035f, within(1e-6f));
        assertThat(dense[c1 + ch.indexOf("pfCand_gamma_dphi")]).isCloseTo((float) (2 * Math.PI - 6.26),
                within(1e-6f));
        // Outer grid (11×11 of 0.1): all three objects share the centre cell; the harder photon wins.
        InputBatch.Grid outerEgamma = x.grids[3];
        assertThat(outerEgamma.key).isEqualTo("outer_egamma");
        assertThat(cells(outerEgamma, 0)).containsExactly(5 * 11 + 5);
        assertThat(outerEgamma.dense(0)[60 * outerEgamma.channels + ch.indexOf("pfCand_gamma_rel_pt")])
                .isEqualTo(5f / 40f);
        assertThat(cells(x.grids[2], 0)).containsExactly(centre); // inner hadrons: the charged hadron
        assertThat(cells(x.grids[1], 0)).isEmpty();               // the muon is outside both cones
        assertThat(cells(x.grids[4], 0)).isEmpty();
        for (InputBatch.Grid g : x.grids) {
            assertThat(g.cellCount(1)).as(g.key + " of the τ without particles").isZero();
        }
        // τ-level features with TauMLTools' definitions and conditions.
        List<String> tau = set.tauNames();
        int nt = x.tauFeatures;
        assertThat(x.tau[tau.indexOf("tau_n_charged_prongs")]).isEqualTo(3f);
        assertThat(x.tau[tau.indexOf("tau_n_neutral_prongs")]).isEqualTo(1f);
        assertThat(x.tau[tau.indexOf("tau_dxy_valid")]).isEqualTo(1f);
        assertThat(x.tau[tau.indexOf("tau_dxy_sig")]).isCloseTo(2f, within(1e-5f));
        assertThat(x.tau[tau.indexOf("tau_E_over_pt")]).isCloseTo(
                (float) (Math.sqrt(Math.pow(40 * Math.cosh(0.5), 2) + 1.2 * 1.2) / 40), within(1e-5f));
        assertThat(x.tau[nt + tau.indexOf("tau_dxy_valid")]).isEqualTo(0f);
        assertThat(x.tau[nt + tau.indexOf("tau_dxy")]).isNaN(); // condition false: not filled
    }

    @Test
    void scalingMapsUnfilledValuesToZeroAndLinearRangesOntoMinusOneOne() throws Exception {
        FeatureSet set = FeatureSet.small();
        InputBatch x = extract(set, taus());
        ScalingStats stats = new ScalingStats(set);
        stats.accept(x);
        ScalingParams params = stats.result();
        Scaler.of(set, params, "test").apply(x);
        List<String> ch = set.channels("egamma");
        float[] dense = x.grids[0].dense(0);
        int c0 = (3 * 7 + 3) * x.grids[0].channels;
        assertThat(dense[c0 + ch.indexOf("tau_pt")]).isCloseTo((40f - 510f) / 490f, within(1e-6f));
        assertThat(dense[c0 + ch.indexOf("pfCand_gamma_valid")]).isZero();
        assertThat(dense[c0 + ch.indexOf("pfCand_ele_deta")]).isZero();
        for (InputBatch.Grid g : x.grids) {
            for (float v : g.dense(1)) {
                assertThat(v).isZero();
            }
        }
        assertThat(x.tau[x.tauFeatures + set.tauNames().indexOf("tau_dxy")]).isZero();
        // tau_mass is 'normal': mean of (1.2, 0) = 0.6, population std 0.6 → ±1.
        assertThat(x.tau[set.tauNames().indexOf("tau_mass")]).isCloseTo(1f, within(1e-6f));
        assertThat(params.get("PfCand_electron", "pfCand_ele_rel_pt", "inner")).isNotNull();
        assertThat(params.get("PfCand_electron", "pfCand_ele_deta", "outer").std()).isEqualTo(0.5);
    }

    @Test
    void scalingFileRoundTripsInTauMLToolsShapeAndAMissingFeatureIsNamed() throws Exception {
        FeatureSet set = FeatureSet.small();
        ScalingStats stats = new ScalingStats(set);
        stats.accept(extract(set, taus()));
        ScalingParams params = stats.result();
        Path json = tmp.resolve("scaling.json");
        Files.write(json, params.toJson());
        String text = Files.readString(json);
        assertThat(text).contains("\"TauFlat\"", "\"lim_min\" : \"-inf\"", "\"inner\"", "\"outer\"");
        ScalingParams back = ScalingParams.read(json, "scalingFile");
        assertThat(back.asMap()).isEqualTo(params.asMap());
        Files.writeString(json, text.replace("\"GridGlobal\"", "\"GridGlobalFeatures\""));
        Scaler.of(set, ScalingParams.read(json, "scalingFile"), "scalingFile"); // the older block name is accepted
        Files.writeString(json, text.replace("\"pfCand_muon_rel_pt\"", "\"pfCand_muon_relpt\""));
        ScalingParams broken = ScalingParams.read(json, "scalingFile");
        assertThatThrownBy(() -> Scaler.of(set, broken, "scalingFile"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scalingFile")
                .hasMessageContaining("pfCand_muon_rel_pt")
                .hasMessageContaining("PfCand_muon");
    }

    @Test
    void v2p5OnToyBranchesNamesEveryFeatureAndTheMissingBranch() throws Exception {
        Path file = tmp.resolve("hand.root");
        HandTuple.write(file, taus());
        try (RootFile rf = RootFile.open(file)) {
            TTree tree = rf.tree("taus");
            assertThatThrownBy(() -> FeatureExtractor.compile(FeatureSet.v2p5(), tree, "features"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("features/TauFlat/tau_dz_sig")
                    .hasMessageContaining("tau_dz_error")
                    .hasMessageContaining("features/PfCand_electron/pfCand_ele_vertex_dx")
                    .hasMessageContaining("pfCand_vertex_x")
                    .hasMessageContaining("features/Electron/ele_cc_valid");
            assertThat(FeatureExtractor.compile(FeatureSet.small(), tree, "features").branches())
                    .contains("pfCand_pt", "pfCand_particleType", "ele_pt", "muon_pt", "tau_decayMode");
        }
    }

    private static int[] cells(InputBatch.Grid g, int tau) {
        return java.util.Arrays.copyOfRange(g.cells, g.start[tau], g.start[tau + 1]);
    }
}
