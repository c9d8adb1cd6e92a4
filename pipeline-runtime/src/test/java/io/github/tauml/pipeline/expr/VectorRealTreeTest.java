package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * RVec idioms and TTree::Draw $-functions on a real jagged fixture (uproot-HZZ.root, 2421 entries of jets and
 * muons, read by root-io in batches of 500): every pass count equals the one jsroot computes with the same cut
 * written in JavaScript over jsroot's own reading of each entry (float sums emulated with Math.fround, as C++ sums
 * floats).
 */
class VectorRealTreeTest {
    /** JavaScript helpers for the cuts: the values of a branch in the entry as an array. */
    private static final String A = "Array.from";
    private static final String FSUM = ".reduce((a, x) => Math.fround(a + x), 0)";

    /** Cut in our language, the same cut in JavaScript over v.<branch>. */
    private static final List<String[]> CUTS = List.of(
            new String[] {"Sum(Jet_Px > 0) >= 1", A + "(v.Jet_Px).filter(x => x > 0).length >= 1"},
            new String[] {"Sum$(Jet_Px > 0) >= 1", A + "(v.Jet_Px).filter(x => x > 0).length >= 1"},
            new String[] {"ROOT::VecOps::Any(Muon_Px > 0 && Muon_Py > 0)",
                A + "(v.Muon_Px).some((x, i) => x > 0 && v.Muon_Py[i] > 0)"},
            new String[] {"All(Muon_Px > -30)", A + "(v.Muon_Px).every(x => x > -30)"},
            new String[] {"Length$(Muon_Px) == 2", "v.Muon_Px.length == 2"},
            new String[] {"Muon_Px.size() > 0 && Max(Muon_Px) > 20",
                "v.Muon_Px.length > 0 && Math.max(..." + A + "(v.Muon_Px)) > 20"},
            new String[] {"Max$(Muon_Px) > 20", "(v.Muon_Px.length ? Math.max(..." + A + "(v.Muon_Px)) : 0) > 20"},
            new String[] {"Min$(Muon_E) < 40", "(v.Muon_E.length ? Math.min(..." + A + "(v.Muon_E)) : 0) < 40"},
            new String[] {"Sum(Jet_Px[Jet_Px > 0]) > 50", A + "(v.Jet_Px).filter(x => x > 0)" + FSUM + " > 50"},
            new String[] {"MinIf$(Jet_E, Jet_Px > 0) > 50",
                "(e => (e.length ? Math.min(...e) : 0) > 50)(" + A + "(v.Jet_E).filter((x, i) => v.Jet_Px[i] > 0))"},
            new String[] {"MaxIf$(Muon_E, Muon_Charge < 0) > 60",
                "(e => (e.length ? Math.max(...e) : 0) > 60)(" + A
                + "(v.Muon_E).filter((x, i) => v.Muon_Charge[i] < 0))"},
            new String[] {"Alt$(Jet_Px[1], -999) > 0", "(v.Jet_Px.length > 1 ? v.Jet_Px[1] : -999) > 0"},
            new String[] {"Sum(Take(Jet_E, Nonzero(Jet_ID))) > 100",
                A + "(v.Jet_E).filter((x, i) => v.Jet_ID[i])" + FSUM + " > 100"},
            new String[] {"NJet > 0 && ArgMax(Jet_E) == 0",
                "v.Jet_E.length > 0 && " + A + "(v.Jet_E).indexOf(Math.max(..." + A + "(v.Jet_E))) == 0"},
            new String[] {"Mean(Muon_Px) > 0", "v.Muon_Px.length > 0 && " + A + "(v.Muon_Px)" + FSUM
                + " / v.Muon_Px.length > 0"},
            new String[] {"Sum(Jet_ID) >= 2", A + "(v.Jet_ID).filter(x => x).length >= 2"},
            new String[] {"Sum(sqrt(Jet_Px * Jet_Px + Jet_Py * Jet_Py) > 40) >= 1",
                A + "(v.Jet_Px).some((x, i) => Math.fround(Math.sqrt(Math.fround(Math.fround(x * x)"
                + " + Math.fround(v.Jet_Py[i] * v.Jet_Py[i])))) > 40)"},
            new String[] {"Sum(Muon_Charge) == 0 && NMuon == 2", A + "(v.Muon_Charge).reduce((a, x) => a + x, 0) == 0"
                + " && v.Muon_Px.length == 2"},
            new String[] {"(int)Sum$(Jet_Px > 0) % 2 == 1", A + "(v.Jet_Px).filter(x => x > 0).length % 2 == 1"},
            new String[] {"Muon_Px[Muon_Charge > 0].size() == 1 && Muon_Px[Muon_Charge < 0].size() == 1",
                A + "(v.Muon_Charge).filter(x => x > 0).length == 1 && "
                + A + "(v.Muon_Charge).filter(x => x < 0).length == 1"});

    private static final List<String> BRANCHES = List.of("NJet", "Jet_Px", "Jet_Py", "Jet_E", "Jet_ID", "NMuon",
            "Muon_Px", "Muon_Py", "Muon_E", "Muon_Charge");

    @TestFactory
    Stream<DynamicTest> passCountsAgreeWithJsroot() throws Exception {
        Path hzz = fixture("uproot-HZZ.root");
        List<Long> ours = new ArrayList<>();
        try (RootFile f = RootFile.open(hzz)) {
            TTree tree = f.tree("events");
            Map<String, ColumnType> schema = ColumnType.schemaOf(tree.branches());
            List<Expression> cuts = new ArrayList<>();
            for (String[] c : CUTS) {
                cuts.add(Expression.compile(c[0], schema));
                ours.add(0L);
            }
            try (ColumnBatches batches = tree.batches(BRANCHES, 0, tree.entries(), 500, 1)) {
                while (batches.hasNext()) {
                    Columns b = batches.next();
                    for (int k = 0; k < cuts.size(); k++) {
                        long n = 0;
                        for (boolean pass : cuts.get(k).evaluateMask(b)) {
                            n += pass ? 1 : 0;
                        }
                        ours.set(k, ours.get(k) + n);
                    }
                }
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < CUTS.size(); k++) {
            String[] c = CUTS.get(k);
            long count = ours.get(k);
            tests.add(DynamicTest.dynamicTest(c[0], () -> {
                JsonNode js = JsRoot.script("select-count.mjs", hzz.toString(), "events", String.join(",", BRANCHES),
                        c[1]);
                assertThat(js.get("entries").asLong()).isEqualTo(2421);
                assertThat(count).as("%s (jsroot: %s)", c[0], c[1]).isEqualTo(js.get("passed").asLong());
            }));
        }
        // No cut may be trivially all or nothing: each must split the sample.
        for (int k = 0; k < CUTS.size(); k++) {
            assertThat(ours.get(k)).as(CUTS.get(k)[0]).isBetween(10L, 2411L);
        }
        return tests.stream();
    }

    /** A vector-valued column, element by element against jsroot's values of each entry. */
    @Test
    void vectorColumnHoldsTheSelectedElementsOfEveryEntry() throws Exception {
        Path hzz = fixture("uproot-HZZ.root");
        JsonNode js = JsRoot.script("jsroot-entries.mjs", hzz.toString(), "events", "Jet_Px,Jet_E");
        JsonNode px = js.get("branches").get("Jet_Px");
        JsonNode e = js.get("branches").get("Jet_E");
        try (RootFile f = RootFile.open(hzz)) {
            TTree tree = f.tree("events");
            Map<String, ColumnType> schema = ColumnType.schemaOf(tree.branches());
            Expression good = Expression.compileColumn("Jet_E[Jet_Px > 0] * 2", schema, -1);
            Set<String> read = new LinkedHashSet<>(good.branches());
            int entry = 0;
            long values = 0;
            try (ColumnBatches batches = tree.batches(List.copyOf(read), 0, tree.entries(), 333, 1)) {
                while (batches.hasNext()) {
                    Column c = good.evaluate(batches.next(), "good");
                    float[] v = (float[]) c.values();
                    for (int i = 0; i < c.entries(); i++, entry++) {
                        List<Float> expected = new ArrayList<>();
                        for (int j = 0; j < px.get(entry).size(); j++) {
                            if (px.get(entry).get(j).asDouble() > 0) {
                                expected.add((float) e.get(entry).get(j).asDouble() * 2);
                            }
                        }
                        List<Float> actual = new ArrayList<>();
                        for (int j = c.start(i); j < c.start(i) + c.size(i); j++) {
                            actual.add(v[j]);
                        }
                        assertThat(actual).as("entry %d", entry).isEqualTo(expected);
                        values += actual.size();
                    }
                }
            }
            assertThat(entry).isEqualTo(2421);
            assertThat(values).isGreaterThan(1000);
        }
    }

    @Test
    void entryNumbersRunOverBatches() throws Exception {
        try (RootFile f = RootFile.open(fixture("uproot-HZZ.root"))) {
            TTree tree = f.tree("events");
            Expression every3rd = Expression.compile("Entry$ % 3 == 0 && Entry$ < Entries$ - 21",
                    ColumnType.schemaOf(tree.branches()), tree.entries());
            long n = 0;
            try (ColumnBatches batches = tree.batches(List.of("NJet"), 0, tree.entries(), 500, 1)) {
                while (batches.hasNext()) {
                    for (boolean pass : every3rd.evaluateMask(batches.next())) {
                        n += pass ? 1 : 0;
                    }
                }
            }
            // Entries 0, 3, ..., 2397 (2421 - 21 = 2400 excluded).
            assertThat(n).isEqualTo(800);
        }
    }

    static Path fixture(String name) {
        String shared = System.getProperty("shared.dir");
        Path dir = (shared != null ? Path.of(shared) : Path.of("../../shared")).resolve("testdata/root");
        Path file = dir.resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture not found at " + file + " (set -Dshared.dir)");
        }
        return file;
    }
}
