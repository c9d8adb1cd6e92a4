package io.github.tauml.pipeline.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.dataset.TauType;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyNtuplesTest {
    @TempDir
    Path tmp;

    private static ToyRequest request(Path dir, Map<ToySample, Long> entries, int threads, Mismodelling m) {
        return new ToyRequest(dir, entries, 7, m, true, Compression.ZLIB, 1, threads);
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        Map<ToySample, Long> n = Map.of(ToySample.DATA, 15_000L, ToySample.DY_TAUTAU, 6_789L);
        List<String> log = new ArrayList<>();
        List<ToyNtuples.Result> one = ToyNtuples.generate(request(tmp.resolve("a"), n, 1, Mismodelling.defaults()),
                log::add);
        // Counts print with thousands separators, as in every table and log line of the plugin.
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("data: 15,000 candidates in "))
                .anySatisfy(l -> assertThat(l).startsWith("DYtautau: 6,789 candidates in "));
        List<ToyNtuples.Result> two = ToyNtuples.generate(request(tmp.resolve("b"), n, 2, Mismodelling.defaults()),
                s -> { });
        assertThat(one).hasSize(2);
        for (int i = 0; i < one.size(); i++) {
            assertThat(Files.readAllBytes(two.get(i).file())).as(one.get(i).sample().fileName())
                    .isEqualTo(Files.readAllBytes(one.get(i).file()));
        }
        ToyNtuples.Result other = ToyNtuples.generate(new ToyRequest(tmp.resolve("c"), Map.of(ToySample.DATA, 15_000L),
                8, Mismodelling.defaults(), true, Compression.ZLIB, 1, 1), s -> { }).get(0);
        assertThat(Files.readAllBytes(other.file())).isNotEqualTo(Files.readAllBytes(one.get(0).file()));
    }

    @Test
    void filesReadBackAsTauTuples() throws IOException {
        ToyNtuples.Result r = ToyNtuples.generate(request(tmp, Map.of(ToySample.TRAINING, 4_000L), 2,
                Mismodelling.defaults()), s -> { }).get(0);
        try (RootFile f = RootFile.open(r.file())) {
            TTree t = f.tree("taus");
            assertThat(t.entries()).isEqualTo(4_000);
            for (TauTupleSchema.Field field : TauTupleSchema.fields()) {
                assertThat(t.branch(field.name()).type()).as(field.name()).isEqualTo(field.type());
                assertThat(t.branch(field.name()).shape()).as(field.name()).isEqualTo(field.shape());
            }
            Columns c = t.read(List.of("tau_pt", "tau_eta", "tauType", "sampleType", "pfCand_pt",
                    "pfCand_particleType", "evt"), 0, t.entries());
            Column pt = c.get("tau_pt");
            for (int i = 0; i < pt.entries(); i++) {
                assertThat(pt.getDouble(i)).isGreaterThanOrEqualTo(20);
                assertThat(Math.abs(c.get("tau_eta").getDouble(i))).isLessThan(2.5);
                assertThat(c.get("evt").getLong(i)).isEqualTo(i + 1);
                assertThat(c.get("pfCand_pt").size(i)).isGreaterThan(0);
                assertThat(c.get("pfCand_particleType").size(i)).isEqualTo(c.get("pfCand_pt").size(i));
            }
            assertThat(c.get("pfCand_pt").shape()).isEqualTo(Shape.VECTOR);
            // The balanced training set holds all four true types.
            Set<Long> types = new java.util.TreeSet<>();
            for (int i = 0; i < pt.entries(); i++) {
                types.add(c.get("tauType").getLong(i));
            }
            assertThat(types).contains(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void particlesAreOptional() throws IOException {
        ToyNtuples.Result r = ToyNtuples.generate(new ToyRequest(tmp, Map.of(ToySample.QCD, 1_000L), 1,
                Mismodelling.defaults(), false, Compression.LZ4, 4, 1), s -> { }).get(0);
        try (RootFile f = RootFile.open(r.file())) {
            TTree t = f.tree("taus");
            assertThat(t.hasBranch("pfCand_pt")).isFalse();
            assertThat(t.hasBranch("tau_chargedIsoPtSum")).isTrue();
        }
    }

    /** The reference skim selection (TauMLTools Documentation/adversarial.md), applied by hand. */
    static boolean passesReferenceSelection(Map<String, Column> m, int i) {
        long dm = m.get("tau_decayMode").getLong(i);
        return m.get("tau_byDeepTau2017v2p1VSjetraw").getDouble(i) > 0.90 && m.get("tau_pt").getDouble(i) > 30
                && Math.abs(m.get("tau_eta").getDouble(i)) < 2.3 && m.get("tau_decayModeFindingNewDMs").getLong(i) != 0
                && (dm == 0 || dm == 1 || dm == 10 || dm == 11)
                && m.get("tau_byDeepTau2017v2p1VSeraw").getDouble(i) > 0.1686942
                && m.get("tau_byDeepTau2017v2p1VSmuraw").getDouble(i) > 0.8754835
                && m.get("tau_index").getLong(i) >= 0 && m.get("has_extramuon").getLong(i) == 0
                && m.get("has_extraelectron").getLong(i) == 0 && m.get("has_dimuon").getLong(i) == 0;
    }

    @Test
    void controlRegionPurityIsAboutThreeQuarters() {
        CandidateGenerator g = new CandidateGenerator(ToySample.DATA, Mismodelling.defaults(), false, 11, 100_000);
        List<CandidateGenerator.Truth> truth = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            truth.add(g.generate(i));
        }
        Map<String, Column> m = g.build();
        int passed = 0;
        int taus = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (passesReferenceSelection(m, i)) {
                passed++;
                taus += truth.get(i).kind() == CandidateKind.TAU ? 1 : 0;
            }
        }
        assertThat(passed).isGreaterThan(2_000);
        assertThat(taus / (double) passed).as("genuine τh purity after the reference cuts").isBetween(0.70, 0.85);
    }

    @Test
    void mismodellingMovesGenuineTausInTheFeaturesThatSeparateThemFromJets() {
        double[] data = tauMeans(Mismodelling.defaults());
        double[] same = tauMeans(Mismodelling.none());
        double[] sim = tauMeansOf(ToySample.DY_TAUTAU, Mismodelling.defaults());
        // With no mismodelling, data τh look like simulated ones (within statistics).
        assertThat(same[0]).isCloseTo(sim[0], org.assertj.core.api.Assertions.within(0.05 * sim[0]));
        // With the defaults: more neutral activity, and fewer pass the legacy VSjet cut.
        assertThat(data[0]).as("neutral isolation").isGreaterThan(1.2 * sim[0]);
        assertThat(data[1]).as("VSjet > 0.9 efficiency").isLessThan(sim[1] - 0.02);
    }

    private static double[] tauMeans(Mismodelling m) {
        return tauMeansOf(ToySample.DATA, m);
    }

    /** Mean neutral isolation and the VSjet > 0.9 efficiency of genuine τh of a sample. */
    private static double[] tauMeansOf(ToySample s, Mismodelling m) {
        CandidateGenerator g = new CandidateGenerator(s, m, false, 3, 60_000);
        List<CandidateGenerator.Truth> truth = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            truth.add(g.generate(i));
        }
        Map<String, Column> c = g.build();
        double iso = 0;
        double pass = 0;
        int n = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).kind() == CandidateKind.TAU && truth.get(i).process() == ToySample.DY_TAUTAU) {
                iso += c.get("tau_neutralIsoPtSum").getDouble(i);
                pass += c.get("tau_byDeepTau2017v2p1VSjetraw").getDouble(i) > 0.9 ? 1 : 0;
                n++;
            }
        }
        return new double[] {iso / n, pass / n};
    }

    @Test
    void simulationCarriesGenTruthThatTheTauTypeRuleRecovers() {
        CandidateGenerator g = new CandidateGenerator(ToySample.TRAINING, Mismodelling.defaults(), false, 5, 20_000);
        List<CandidateGenerator.Truth> truth = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            truth.add(g.generate(i));
        }
        Map<String, Column> c = g.build();
        int agree = 0;
        for (int i = 0; i < truth.size(); i++) {
            int expected = switch (truth.get(i).kind()) {
                case TAU -> TauType.TAU;
                case ELECTRON -> TauType.ELECTRON;
                case MUON -> TauType.MUON;
                case JET -> TauType.JET;
                case PILEUP_JET -> TauType.NO_MATCH;
            };
            agree += c.get("tauType").getLong(i) == expected ? 1 : 0;
        }
        // Only the 1 % displaced generator leptons (and τh below 15 GeV visible pT) disagree.
        assertThat(agree / 20_000.0).isGreaterThan(0.97);
    }

    @Test
    void badRequestsAreRejectedWithTheirReason() {
        assertThatThrownBy(() -> new ToyRequest(tmp, Map.of(), 1, Mismodelling.none(), true, Compression.ZLIB, 1, 1))
                .hasMessageContaining("no toy samples");
        assertThatThrownBy(() -> new ToyRequest(tmp, Map.of(ToySample.QCD, 0L), 1, Mismodelling.none(), true,
                Compression.ZLIB, 1, 1)).hasMessageContaining("QCD");
        assertThatThrownBy(() -> new Mismodelling(1, 1, 1, 1, -2, 1, 1)).hasMessageContaining("pileupDensity");
        assertThatThrownBy(() -> ToySample.parse("Zee")).hasMessageContaining("DYtautau");
    }
}
