package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skim stage on toy TauTuples and on real fixtures. Pass counts are checked against evaluations that share no
 * code with ours: the cut written out in Java by hand, and the cut written in JavaScript and run by jsroot.
 */
class SkimTest {
    /** The selection of TauMLTools' Documentation/adversarial.md, verbatim. */
    static final String REFERENCE = "tau_byDeepTau2017v2p1VSjetraw>0.90 && tau_pt>30 && std::abs(tau_eta)<2.3 && "
            + "tau_decayModeFindingNewDMs && (tau_decayMode==0 || tau_decayMode==1 || tau_decayMode==10 || "
            + "tau_decayMode==11) && tau_byDeepTau2017v2p1VSeraw>0.1686942 && tau_byDeepTau2017v2p1VSmuraw>0.8754835"
            + " && tau_index>=0  && has_extramuon==0 && has_extraelectron==0 && has_dimuon==0";
    static final String REFERENCE_JS = "v.tau_byDeepTau2017v2p1VSjetraw > 0.90 && v.tau_pt > 30 && "
            + "Math.abs(v.tau_eta) < 2.3 && v.tau_decayModeFindingNewDMs != 0 && [0, 1, 10, 11].includes("
            + "v.tau_decayMode) && v.tau_byDeepTau2017v2p1VSeraw > 0.1686942 && v.tau_byDeepTau2017v2p1VSmuraw > "
            + "0.8754835 && v.tau_index >= 0 && v.has_extramuon == 0 && v.has_extraelectron == 0 && v.has_dimuon == 0";
    static final String REFERENCE_BRANCHES = "tau_byDeepTau2017v2p1VSjetraw,tau_pt,tau_eta,tau_decayModeFindingNewDMs,"
            + "tau_decayMode,tau_byDeepTau2017v2p1VSeraw,tau_byDeepTau2017v2p1VSmuraw,tau_index,has_extramuon,"
            + "has_extraelectron,has_dimuon";

    @TempDir
    static Path toys;
    static Path data;
    static Path dy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeToys() throws IOException {
        ToyNtuples.generate(new ToyRequest(toys, Map.of(ToySample.DATA, 30_000L, ToySample.DY_TAUTAU, 20_000L), 3,
                Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
        data = toys.resolve("data.root");
        dy = toys.resolve("DYtautau.root");
    }

    private SkimRequest request(String sample, List<String> inputs, String selection, String tauType,
                                List<ComputedColumn> columns, List<String> include, List<String> exclude,
                                EntryRange in, EntryRange out, Path output) {
        return new SkimRequest(sample, toys, inputs, null, "taus", "taus", selection, tauType, columns, include,
                exclude, List.of(), in, out, output, Compression.ZLIB, 1, 2);
    }

    private SkimRequest simple(List<String> inputs, String selection, Path output) {
        return request("s", inputs, selection, null, List.of(), List.of(), List.of(), null, null, output);
    }

    @Test
    void referenceSelectionAgreesWithHandWrittenJavaAndWithJsroot() throws Exception {
        Path out = tmp.resolve("data_skim.root");
        SkimResult r = Skim.run(simple(List.of(data.toString()), REFERENCE, out), s -> { });
        long byHand = countByHand(data);
        assertThat(r.read()).isEqualTo(30_000);
        assertThat(r.passed()).isEqualTo(byHand).isGreaterThan(1_000);
        JsonNode js = JsRoot.script("select-count.mjs", data.toString(), "taus", REFERENCE_BRANCHES, REFERENCE_JS);
        assertThat(js.get("passed").asLong()).isEqualTo(byHand);
        // The output: every branch of the input, the passing entries only, readable by jsroot without complaint.
        try (RootFile f = RootFile.open(out); RootFile in = RootFile.open(data)) {
            TTree t = f.tree("taus");
            assertThat(t.entries()).isEqualTo(byHand);
            assertThat(t.branches().stream().map(Branch::name).toList())
                    .isEqualTo(in.tree("taus").branches().stream().map(Branch::name).toList());
            assertThat(t.branch("pfCand_pt").shape()).isEqualTo(Shape.VECTOR);
        }
        JsonNode ref = JsRoot.reference(out, "taus", "tau_pt", "pfCand_pt", "evt");
        assertThat(ref.get("entries").asLong()).isEqualTo(byHand);
        assertThat(ref.get("branches").get("tau_pt").get("numericCount").asLong()).isEqualTo(byHand);
    }

    /** The reference cut in plain Java, independent of the expression engine. */
    private static long countByHand(Path file) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("taus");
            Columns c = t.read(List.of(REFERENCE_BRANCHES.split(",")), 0, t.entries());
            long n = 0;
            for (int i = 0; i < t.entries(); i++) {
                long dm = c.get("tau_decayMode").getLong(i);
                // float branches compare as float against a double literal: promote exactly as C++ does.
                boolean pass = c.get("tau_byDeepTau2017v2p1VSjetraw").getDouble(i) > 0.90
                        && c.get("tau_pt").getDouble(i) > 30 && Math.abs((float) c.get("tau_eta").getDouble(i)) < 2.3
                        && c.get("tau_decayModeFindingNewDMs").getLong(i) != 0
                        && (dm == 0 || dm == 1 || dm == 10 || dm == 11)
                        && c.get("tau_byDeepTau2017v2p1VSeraw").getDouble(i) > 0.1686942
                        && c.get("tau_byDeepTau2017v2p1VSmuraw").getDouble(i) > 0.8754835
                        && c.get("tau_index").getLong(i) >= 0 && c.get("has_extramuon").getLong(i) == 0
                        && c.get("has_extraelectron").getLong(i) == 0 && c.get("has_dimuon").getLong(i) == 0;
                n += pass ? 1 : 0;
            }
            return n;
        }
    }

    @Test
    void tauTypeIsComputedBeforeTheCutAndWritten() throws Exception {
        Path out = tmp.resolve("dy_taus.root");
        SkimResult r = Skim.run(request("DY_taus", List.of(dy.toString()), REFERENCE + " && mytauType==2",
                "mytauType", List.of(), List.of(), List.of(), null, null, out), s -> { });
        try (RootFile f = RootFile.open(out); RootFile in = RootFile.open(dy)) {
            TTree t = f.tree("taus");
            assertThat(t.branch("mytauType").type()).isEqualTo(LeafType.INT32);
            Column types = t.read(List.of("mytauType"), 0, t.entries()).get("mytauType");
            for (int i = 0; i < types.entries(); i++) {
                assertThat(types.getLong(i)).isEqualTo(2);
            }
            // Independent count: the input's tauType (written by the generator with the same rule) and the cut.
            TTree it = in.tree("taus");
            Column tauType = it.read(List.of("tauType"), 0, it.entries()).get("tauType");
            SkimResult all = Skim.run(simple(List.of(dy.toString()), REFERENCE, tmp.resolve("all.root")), s -> { });
            long genuine = 0;
            try (RootFile a = RootFile.open(all.output())) {
                TTree at = a.tree("taus");
                Column tt = at.read(List.of("tauType"), 0, at.entries()).get("tauType");
                for (int i = 0; i < tt.entries(); i++) {
                    genuine += tt.getLong(i) == 2 ? 1 : 0;
                }
            }
            assertThat(r.passed()).isEqualTo(genuine).isGreaterThan(1_000);
            assertThat(tauType.entries()).isEqualTo(20_000);
        }
    }

    @Test
    void computedColumnsAndColumnListsShapeTheOutput() throws Exception {
        Path out = tmp.resolve("cols.root");
        Skim.run(request("s", List.of(dy.toString()), "pt_over_m > 20", "mytauType",
                List.of(new ComputedColumn("pt_over_m", "tau_pt / tau_mass"),
                        new ComputedColumn("n_pf", "pfCand_pt.size()"),
                        new ComputedColumn("is_3prong", "tau_decayMode >= 10")),
                List.of("^tau_", "evt", "^pt_", "n_pf", "is_3prong", "mytauType"),
                List.of("^tau_by", "tau_mass"), null, null, out), s -> { });
        try (RootFile f = RootFile.open(out)) {
            TTree t = f.tree("taus");
            List<String> names = t.branches().stream().map(Branch::name).toList();
            assertThat(names).contains("tau_pt", "evt", "pt_over_m", "n_pf", "is_3prong", "mytauType")
                    .doesNotContain("tau_mass", "tau_byDeepTau2017v2p1VSjetraw", "pfCand_pt", "rho");
            assertThat(t.branch("pt_over_m").type()).isEqualTo(LeafType.FLOAT32);
            assertThat(t.branch("n_pf").type()).isEqualTo(LeafType.UINT64);
            assertThat(t.branch("is_3prong").type()).isEqualTo(LeafType.BOOL);
            Columns c = t.read(List.of("pt_over_m", "tau_pt"), 0, t.entries());
            for (int i = 0; i < c.entries(); i++) {
                assertThat(c.get("pt_over_m").getDouble(i)).isGreaterThan(20);
            }
        }
    }

    @Test
    void inputAndOutputRangesCountAsSkimTreeDoes() throws Exception {
        Path all = tmp.resolve("all.root");
        Skim.run(simple(List.of(data.toString(), dy.toString()), "tau_pt > 40", all), s -> { });
        Column evt;
        try (RootFile f = RootFile.open(all)) {
            evt = f.tree("taus").read(List.of("evt"), 0, f.tree("taus").entries()).get("evt");
        }
        // Input range over the chain: entries 25000..35000 span both files.
        Path in = tmp.resolve("in.root");
        SkimResult ri = Skim.run(request("s", List.of(data.toString(), dy.toString()), "tau_pt > 40", null, List.of(),
                List.of("evt"), List.of(), EntryRange.parse("25000:35000"), null, in), s -> { });
        assertThat(ri.read()).isEqualTo(10_000);
        // Output range: passing entries 10..20 of the whole selection.
        Path out = tmp.resolve("out.root");
        SkimResult ro = Skim.run(request("s", List.of(data.toString(), dy.toString()), "tau_pt > 40", null, List.of(),
                List.of("evt"), List.of(), null, EntryRange.parse("10:20"), out), s -> { });
        try (RootFile f = RootFile.open(out)) {
            Column e = f.tree("taus").read(List.of("evt"), 0, 10).get("evt");
            for (int i = 0; i < 10; i++) {
                assertThat(e.getLong(i)).isEqualTo(evt.getLong(10 + i));
            }
            assertThat(f.tree("taus").entries()).isEqualTo(10);
        }
        assertThat(ro.read()).isLessThan(30_000);
    }

    @Test
    void inputsAsGlobsDirectoriesAndLists() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.copy(data, dir.resolve("a.root"));
        Files.copy(dy, dir.resolve("b.root"));
        Files.writeString(dir.resolve("list.txt"), "# the DY sample\n\nb.root\n  a.root\n");
        long total = 50_000;
        for (String decl : List.of(dir.toString(), dir + "/*.root", dir + "/list.txt")) {
            SkimResult r = Skim.run(request("s", List.of(decl), "tau_pt > 60", null, List.of(), List.of("evt"),
                    List.of(), null, null, tmp.resolve("x.root")), s -> { });
            assertThat(r.read()).as(decl).isEqualTo(total);
            assertThat(r.files()).as(decl).isEqualTo(2);
        }
        assertThatThrownBy(() -> Skim.run(simple(List.of(dir + "/nothing*.root"), "", tmp.resolve("y.root")),
                s -> { })).isInstanceOf(SkimException.class).hasMessageContaining("matches no ROOT file")
                .extracting(e -> ((SkimException) e).element()).isEqualTo("inputs");
        Files.writeString(dir.resolve("bad.txt"), "a.root\nmissing.root\n");
        assertThatThrownBy(() -> Skim.run(simple(List.of(dir + "/bad.txt"), "", tmp.resolve("y.root")), s -> { }))
                .hasMessageContaining("line 2").hasMessageContaining("missing.root");
        assertThat(tmp.resolve("y.root")).doesNotExist();
    }

    @Test
    void badCutsFailBeforeAnythingIsWrittenAndPointAtTheProblem() {
        Path out = tmp.resolve("never.root");
        assertThatThrownBy(() -> Skim.run(simple(List.of(data.toString()), "tau_pt > 30 && && tau_eta < 2",
                out), s -> { }))
                .isInstanceOf(SkimException.class)
                .hasMessageContaining("tau_pt > 30 && && tau_eta < 2")
                .hasMessageContaining("^")
                .extracting(e -> ((SkimException) e).element()).isEqualTo("selection");
        assertThatThrownBy(() -> Skim.run(simple(List.of(data.toString()), "tau_ptt > 30", out), s -> { }))
                .hasMessageContaining("tau_ptt").hasMessageContaining("tau_pt");
        assertThatThrownBy(() -> Skim.run(request("s", List.of(data.toString()), "", null, List.of(),
                List.of("tau_etaa"), List.of(), null, null, out), s -> { }))
                .hasMessageContaining("did you mean tau_eta");
        assertThatThrownBy(() -> Skim.run(request("s", List.of(data.toString()), "", null,
                List.of(new ComputedColumn("tau_pt", "2 * tau_pt")), List.of(), List.of(), null, null, out), s -> { }))
                .hasMessageContaining("already exists");
        assertThat(out).doesNotExist();
    }

    @Test
    void validateCompilesEverythingAgainstTheFirstInputAndWritesNothing() throws Exception {
        Path out = tmp.resolve("validated/DY_taus.root");
        Skim.Validation v = Skim.validate(request("DY_taus", List.of(dy.toString()), REFERENCE + " && mytauType==2",
                "mytauType", List.of(new ComputedColumn("pt2", "tau_pt * tau_pt")), List.of("^tau_p", "mytauType",
                "pt2"), List.of(), null, null, out));
        assertThat(v.inputs()).containsExactly(dy);
        assertThat(v.outputColumns()).contains("tau_pt", "tau_phi", "mytauType", "pt2").doesNotContain("evt");
        assertThat(out.getParent()).doesNotExist();
        assertThatThrownBy(() -> Skim.validate(request("DY_taus", List.of(dy.toString()), "mytauType==2 && tau_ptt>20",
                "mytauType", List.of(), List.of(), List.of(), null, null, out)))
                .isInstanceOf(SkimException.class)
                .hasMessageContaining("mytauType==2 && tau_ptt>20\n                ^")
                .extracting(e -> ((SkimException) e).element()).isEqualTo("selection");
        assertThatThrownBy(() -> Skim.validate(simple(List.of(dy.toString()), "", dy)))
                .hasMessageContaining("also an input")
                .extracting(e -> ((SkimException) e).element()).isEqualTo("output");
        assertThatThrownBy(() -> Skim.validate(request("s", List.of(dy.toString()), "", null, List.of(), List.of(),
                List.of("^tau_(("), null, null, out)))
                .extracting(e -> ((SkimException) e).element()).isEqualTo("exclude");
        assertThat(out.getParent()).doesNotExist();
    }

    @Test
    void realFixtureWithJaggedElementAccessAgreesWithJsroot() throws Exception {
        Path hzz = Fixtures.file("uproot-HZZ.root");
        String cut = "NJet > 0 && Jet_Px[0] > 10 || NMuon >= 2 && Muon_Px[1] > 20";
        Path out = tmp.resolve("hzz.root");
        SkimResult r = new Skim2(hzz, cut, out).run();
        JsonNode js = JsRoot.script("select-count.mjs", hzz.toString(), "events", "NJet,Jet_Px,NMuon,Muon_Px",
                "v.NJet > 0 && v.Jet_Px[0] > 10 || v.NMuon >= 2 && v.Muon_Px[1] > 20");
        assertThat(r.read()).isEqualTo(2421);
        assertThat(r.passed()).isEqualTo(js.get("passed").asLong()).isGreaterThan(100);
        JsonNode ref = JsRoot.reference(out, "events", "NJet", "Jet_Px");
        assertThat(ref.get("entries").asLong()).isEqualTo(r.passed());
    }

    @Test
    void vectorOfVectorBranchesAreCopiedUnchangedAndJsrootReadsTheCopy() throws Exception {
        int n = 400;
        java.util.Random rnd = new java.util.Random(66);
        io.github.tauml.rootio.tree.ColumnBuilder pt = io.github.tauml.rootio.tree.ColumnBuilder.scalar("pt",
                io.github.tauml.rootio.tree.LeafType.FLOAT32, n);
        int[] outer = new int[n + 1];
        List<Integer> sizes = new java.util.ArrayList<>();
        List<Float> values = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            pt.add(rnd.nextDouble());
            int lists = rnd.nextInt(3);
            for (int k = 0; k < lists; k++) {
                int m = rnd.nextInt(4);
                sizes.add(m);
                for (int j = 0; j < m; j++) {
                    values.add((float) (i + 0.25 * j));
                }
            }
            outer[i + 1] = sizes.size();
        }
        int[] inner = new int[sizes.size() + 1];
        for (int k = 0; k < sizes.size(); k++) {
            inner[k + 1] = inner[k] + sizes.get(k);
        }
        float[] v = new float[values.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = values.get(j);
        }
        io.github.tauml.rootio.tree.Column hits = io.github.tauml.rootio.tree.Column.doublyJagged("hits",
                io.github.tauml.rootio.tree.LeafType.FLOAT32, v, outer, inner);
        io.github.tauml.rootio.tree.Column ptCol = pt.build();
        Path in = tmp.resolve("vv-in.root");
        try (io.github.tauml.rootio.write.RootWriter w = io.github.tauml.rootio.write.RootWriter.create(in)) {
            w.tree("events", "", List.of(
                    io.github.tauml.rootio.write.BranchSpec.scalar("pt", io.github.tauml.rootio.tree.LeafType.FLOAT32),
                    io.github.tauml.rootio.write.BranchSpec.vectorOfVectors("hits",
                            io.github.tauml.rootio.tree.LeafType.FLOAT32)))
                    .append(java.util.Map.of("pt", ptCol, "hits", hits));
        }
        Path out = tmp.resolve("vv-out.root");
        SkimResult r = new Skim2(in, "pt > 0.5", out).run();
        boolean[] mask = new boolean[n];
        long keptValues = 0;
        for (int i = 0; i < n; i++) {
            mask[i] = ptCol.getDouble(i) > 0.5;
            if (mask[i]) {
                keptValues += inner[outer[i + 1]] - inner[outer[i]];
            }
        }
        io.github.tauml.rootio.tree.Column want = hits.select(mask);
        try (RootFile f = RootFile.open(out)) {
            var t = f.tree("events");
            assertThat(t.entries()).isEqualTo(r.passed()).isEqualTo(want.entries());
            var got = t.read(List.of("hits"), 0, t.entries()).get("hits");
            assertThat(got.shape()).isEqualTo(io.github.tauml.rootio.tree.Shape.VECTOR_VECTOR);
            assertThat(got.offsets()).isEqualTo(want.offsets());
            assertThat(got.innerOffsets()).isEqualTo(want.innerOffsets());
            assertThat((float[]) got.values()).isEqualTo((float[]) want.values());
        }
        JsonNode ref = JsRoot.fieldReference(out, "events");
        assertThat(ref.get("entries").asLong()).isEqualTo(r.passed());
        assertThat(ref.at("/branches/hits/numericCount").asLong()).isEqualTo(keptValues);
    }

    /** RDataFrame-style columns: a count and a vector (written as vector<float>), then a cut on the count. */
    @Test
    void vectorValuedColumnsAreWrittenAsVectorBranchesJsrootReads() throws Exception {
        Path hzz = Fixtures.file("uproot-HZZ.root");
        Path out = tmp.resolve("hzz-good.root");
        SkimResult r = Skim.run(new SkimRequest("hzz", hzz.getParent(), List.of(hzz.toString()), null, "events",
                null, "n_good >= 1", null, List.of(new ComputedColumn("n_good", "Sum(Jet_Px > 0)"),
                        new ComputedColumn("good_px", "Jet_Px[Jet_Px > 0]")), List.of("n_good", "good_px", "NJet"),
                List.of(), List.of(), null, null, out, Compression.ZLIB, 1, 1), s -> { });
        // jsroot's reading of the input, the same quantities computed from it.
        JsonNode in = JsRoot.script("jsroot-entries.mjs", hzz.toString(), "events", "Jet_Px").get("branches")
                .get("Jet_Px");
        long passing = 0;
        long good = 0;
        double sum = 0;
        for (JsonNode entry : in) {
            int n = 0;
            for (JsonNode x : entry) {
                if (x.asDouble() > 0) {
                    n++;
                    sum += x.asDouble();
                }
            }
            passing += n >= 1 ? 1 : 0;
            good += n;
        }
        assertThat(r.passed()).isEqualTo(passing).isGreaterThan(100);
        try (RootFile f = RootFile.open(out)) {
            assertThat(f.tree("events").branch("good_px").shape()).isEqualTo(Shape.VECTOR);
            assertThat(f.tree("events").branch("good_px").type()).isEqualTo(LeafType.FLOAT32);
        }
        JsonNode ref = JsRoot.reference(out, "events", "n_good", "good_px");
        assertThat(ref.get("entries").asLong()).isEqualTo(passing);
        JsonNode goodPx = ref.get("branches").get("good_px");
        assertThat(goodPx.get("className").asText()).isEqualTo("vector<float>");
        assertThat(goodPx.get("numericCount").asLong()).isEqualTo(good);
        assertThat(goodPx.get("numericSum").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ref.get("branches").get("n_good").get("numericSum").asLong()).isEqualTo(good);
    }

    /** A skim of a real fixture with its own tree name. */
    private record Skim2(Path file, String cut, Path out) {
        SkimResult run() throws Exception {
            return Skim.run(new SkimRequest("hzz", file.getParent(), List.of(file.toString()), null, "events", null,
                    cut, null, List.of(), List.of(), List.of(), List.of(), null, null, out, Compression.LZ4, 4, 1),
                    s -> { });
        }
    }

    @Test
    void otherTreesAreCopiedWhole() throws Exception {
        Path out = tmp.resolve("other.root");
        Skim.run(new SkimRequest("s", toys, List.of(data.toString()), null, "taus", "skimmed", "tau_pt > 100", null,
                List.of(), List.of("tau_pt"), List.of(), List.of("taus"), null, null, out, Compression.ZSTD, 5, 1),
                s -> { });
        try (RootFile f = RootFile.open(out)) {
            assertThat(f.tree("taus").entries()).isEqualTo(30_000);
            assertThat(f.tree("skimmed").entries()).isLessThan(30_000);
        }
    }
}
