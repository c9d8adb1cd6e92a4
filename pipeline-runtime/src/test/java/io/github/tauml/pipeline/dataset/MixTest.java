package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.MixRequest.Contribution;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.RootWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixTest {
    /** The reference's blocks (§2.6): key, per batch, dataset_id, tauType, weight histogram. */
    private static final Object[][] REFERENCE = {
            {"data", 50, 0L, -1, "data"}, {"DY_taus", 36, 1L, 2, "DYT"}, {"tt_taus", 2, 2L, 2, "TTT"},
            {"W_jets", 5, 5L, 3, "WJ"}, {"QCD_jets", 5, 6L, 3, "QCD"}, {"tt_jets", 1, 4L, 3, "TTJ"},
            {"DY_muons", 1, 3L, 1, "DYM"}};

    @TempDir
    Path tmp;
    private Path weights;

    @BeforeEach
    void weights() throws Exception {
        weights = tmp.resolve("adv_weights.root");
        try (RootWriter w = RootWriter.create(weights)) {
            for (Object[] r : REFERENCE) {
                double[] c = new double[17];
                for (int b = 0; b < c.length; b++) {
                    c[b] = ((Long) r[2]) + b / 100.0; // distinct per histogram and bin
                }
                w.histogram((String) r[4], new TH1((String) r[4], "", "TH1D", Trees.PT_EDGES, c, new double[0], 0));
            }
        }
    }

    private List<Contribution> contributions(int entries) throws Exception {
        List<Contribution> out = new ArrayList<>();
        long seed = 10;
        for (Object[] r : REFERENCE) {
            String name = (String) r[0];
            int type = (Integer) r[3];
            // Data: sampleType 0 and no mytauType, as the data skim writes it.
            Path in = Trees.write(tmp.resolve(name + ".root"), entries, seed++, type < 0 ? 0 : 1, type, 30);
            out.add(new Contribution(name, "<contributions><contribution name=\"" + name + "\">", in, "taus",
                    (Integer) r[1], (Long) r[2], type < 0, (String) r[4]));
        }
        return out;
    }

    private MixRequest request(List<Contribution> cs, int trainval, int evaluation, boolean shuffle, String dir) {
        return new MixRequest(cs, weights, "tau_pt", "mytauType", trainval, evaluation, shuffle, 42,
                tmp.resolve(dir + "/adv_dataset_trainval.root"), tmp.resolve(dir + "/adv_dataset_evaluate.root"),
                Compression.LZ4, 1, 1);
    }

    @Test
    void segmentsComputedApartAndMergedInOrderGiveTheLocalFiles() throws Exception {
        // What an executor does (issue 13): the outputs cut into segments on the write grid (200 batches of 100
        // entries per append), each computed from its own entries (or, shuffled, from the permutation at its
        // position), merged in order: the local mix's two files byte for byte.
        List<Contribution> cs = contributions(30_000);
        for (boolean shuffle : new boolean[] {false, true}) {
            String dir = shuffle ? "shuffled" : "sequential";
            MixRequest local = request(cs, 450, 130, shuffle, dir + "-local");
            Mix.run(local, s -> { });
            MixRequest r = request(cs, 450, 130, shuffle, dir + "-segments");
            List<Mix.Segment> segments = Mix.segments(r, 1);
            assertThat(segments).containsExactly(new Mix.Segment(0, 0, 200), new Mix.Segment(0, 200, 400),
                    new Mix.Segment(0, 400, 450), new Mix.Segment(1, 0, 130));
            List<Map<String, Column>> chunks = new ArrayList<>();
            for (Mix.Segment g : segments) {
                chunks.addAll(Mix.segment(r, g));
            }
            MixResult got = Mix.merge(r, chunks.iterator(), s -> { });
            assertThat(got.entries()).isEqualTo(58_000);
            assertThat(Files.mismatch(local.trainvalOutput(), r.trainvalOutput())).as(dir).isEqualTo(-1);
            assertThat(Files.mismatch(local.evaluationOutput(), r.evaluationOutput())).as(dir).isEqualTo(-1);
        }
        // A segment left out: neither file is written.
        MixRequest r = request(cs, 450, 130, false, "missing");
        List<Map<String, Column>> chunks = new ArrayList<>(Mix.segment(r, new Mix.Segment(0, 0, 200)));
        assertThatThrownBy(() -> Mix.merge(r, chunks.iterator(), s -> { }))
                .hasMessageContaining("a segment is missing");
        assertThat(r.trainvalOutput()).doesNotExist();
        assertThat(r.evaluationOutput()).doesNotExist();
    }

    @Test
    void everyBatchHasTheDeclaredCompositionAndTheOutputsShareNoEntry() throws Exception {
        List<Contribution> cs = contributions(3_000);
        for (boolean shuffle : new boolean[] {false, true}) {
            String dir = shuffle ? "shuffled" : "sequential";
            MixResult r = Mix.run(request(cs, 30, 20, shuffle, dir), s -> { });
            assertThat(r.batchSize()).isEqualTo(100);
            Map<String, Column> tv = Trees.read(r.trainval());
            Map<String, Column> ev = Trees.read(r.evaluation());
            assertThat(tv.get("tau_pt").entries()).isEqualTo(3_000);
            assertThat(ev.get("tau_pt").entries()).isEqualTo(2_000);
            for (Map<String, Column> out : List.of(tv, ev)) {
                Column id = out.get("dataset_id");
                Column type = out.get("tauType");
                Column w = out.get("weight");
                Column pt = out.get("tau_pt");
                for (int batch = 0; batch < id.entries() / 100; batch++) {
                    int row = batch * 100;
                    for (Object[] ref : REFERENCE) {
                        for (int j = 0; j < (Integer) ref[1]; j++, row++) {
                            assertThat(id.getLong(row)).as("batch %d row %d", batch, row).isEqualTo((Long) ref[2]);
                            int expectedType = (Integer) ref[3] < 0 ? 8 : (Integer) ref[3];
                            assertThat(type.getLong(row)).isEqualTo(expectedType);
                            // The weight is the contribution's histogram at FindBin(tau_pt).
                            int bin = Trees.histogram("x", Trees.PT_EDGES, 0, new double[15], 0)
                                    .findBin(pt.getDouble(row));
                            assertThat(w.getDouble(row)).isEqualTo((float) ((Long) ref[2] + bin / 100.0));
                        }
                    }
                }
            }
            // Train/validation and evaluation share no entry: (dataset_id, evt) identifies an input entry.
            Set<String> seen = new HashSet<>();
            for (Map<String, Column> out : List.of(tv, ev)) {
                for (int i = 0; i < out.get("evt").entries(); i++) {
                    assertThat(seen.add(out.get("dataset_id").getLong(i) + ":" + out.get("evt").getLong(i)))
                            .as("entry used twice").isTrue();
                }
            }
            // Sequential takes the first entries in file order, evaluation from where train/validation stopped.
            int dy = 50; // first DY_taus row of batch 0
            if (!shuffle) {
                assertThat(tv.get("evt").getLong(dy)).isEqualTo(1);
                assertThat(tv.get("evt").getLong(100 + dy)).isEqualTo(37);
                assertThat(ev.get("evt").getLong(dy)).isEqualTo(30 * 36 + 1);
            } else {
                assertThat(List.of(tv.get("evt").getLong(dy), tv.get("evt").getLong(dy + 1)))
                        .isNotEqualTo(List.of(1L, 2L));
            }
            // Vector branches come along with their entries; branches only some inputs have are left out.
            assertThat(tv.get("pfCand_pt").offsets()).isNotNull();
            assertThat(tv).doesNotContainKey("mytauType");
            assertThat(r.notes()).anyMatch(n -> n.contains("'mytauType'") && n.contains("data lacks it"));
            try (RootFile f = RootFile.open(r.trainval())) {
                TTree t = f.tree("taus");
                assertThat(t.branch("dataset_id").type()).isEqualTo(LeafType.UINT64);
                assertThat(t.branch("tauType").type()).isEqualTo(LeafType.INT32);
                assertThat(t.branch("weight").type()).isEqualTo(LeafType.FLOAT32);
            }
        }
        // Deterministic: the same request gives the same bytes.
        MixResult again = Mix.run(request(cs, 30, 20, true, "again"), s -> { });
        assertThat(Files.readAllBytes(again.trainval()))
                .isEqualTo(Files.readAllBytes(tmp.resolve("shuffled/adv_dataset_trainval.root")));
    }

    @Test
    void aContributionThatRunsDryFailsWithItsCountsBeforeAnythingIsPublished() throws Exception {
        List<Contribution> cs = contributions(2_000);
        // data needs 50 × 45 = 2250 > 2000; DY_taus 36 × 45 = 1620 is fine.
        MixRequest r = request(cs, 30, 15, false, "dry");
        assertThatThrownBy(() -> Mix.run(r, s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<contributions><contribution name=\"data\"><perBatch>")
                .hasMessageContaining("data runs dry: the mix needs 2250 entries (50 per batch × (30 + 15) batches)")
                .hasMessageContaining("has 2000")
                .hasMessageContaining("enough for 40 batches")
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1));
        assertThat(tmp.resolve("dry")).doesNotExist();
    }

    @Test
    void aWeightHistogramMissingFromTheWeightsFileIsNamedWithWhatTheFileHolds() throws Exception {
        List<Contribution> cs = new ArrayList<>(contributions(500));
        Contribution dy = cs.get(1);
        cs.set(1, new Contribution(dy.name(), dy.element(), dy.input(), dy.tree(), dy.perBatch(), dy.datasetId(),
                false, "DYTT"));
        assertThatThrownBy(() -> Mix.run(request(cs, 2, 1, false, "noweights"), s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><weights>")
                .hasMessageContaining("has no histogram 'DYTT'; it holds data, DYT, TTT, WJ, QCD, TTJ, DYM");
        assertThat(tmp.resolve("noweights")).doesNotExist();
    }
}
