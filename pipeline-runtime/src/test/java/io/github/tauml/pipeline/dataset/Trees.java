package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Skimmed-sample-like ROOT files written through root-io for the drop, reweight and mix tests. */
final class Trees {
    /** The reference's 15 pT bins (§2.4). */
    static final double[] PT_EDGES = {30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400};

    private Trees() {
    }

    /**
     * A tree {@code taus} of n entries: evt (1..n, UINT64), sampleType, tau_pt (20 GeV + exponential of mean
     * {@code ptMean}), tau_eta, mytauType (when {@code tauType >= 0}), a vector {@code pfCand_pt} and a stale
     * {@code dataset_id} as the toy writes.
     */
    static Path write(Path file, int n, long seed, int sampleType, int tauType, double ptMean) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] evt = new long[n];
        int[] st = new int[n];
        float[] pt = new float[n];
        float[] eta = new float[n];
        int[] type = new int[n];
        long[] id = new long[n];
        int[] offsets = new int[n + 1];
        float[] cands = new float[n * 3];
        int k = 0;
        for (int i = 0; i < n; i++) {
            evt[i] = i + 1;
            st[i] = sampleType;
            pt[i] = (float) (20 - ptMean * Math.log(1 - rng.nextDouble()));
            eta[i] = (float) rng.nextDouble(-2.3, 2.3);
            type[i] = tauType;
            id[i] = 99;
            int m = rng.nextInt(4);
            for (int j = 0; j < m; j++) {
                cands[k++] = (float) rng.nextDouble(1, 10);
            }
            offsets[i + 1] = k;
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("evt", new Column("evt", LeafType.UINT64, Shape.SCALAR, evt, null, 1));
        cols.put("sampleType", new Column("sampleType", LeafType.INT32, Shape.SCALAR, st, null, 1));
        cols.put("dataset_id", new Column("dataset_id", LeafType.UINT64, Shape.SCALAR, id, null, 1));
        cols.put("tau_pt", new Column("tau_pt", LeafType.FLOAT32, Shape.SCALAR, pt, null, 1));
        cols.put("tau_eta", new Column("tau_eta", LeafType.FLOAT32, Shape.SCALAR, eta, null, 1));
        if (tauType >= 0) {
            cols.put("mytauType", new Column("mytauType", LeafType.INT32, Shape.SCALAR, type, null, 1));
        }
        cols.put("pfCand_pt", new Column("pfCand_pt", LeafType.FLOAT32, Shape.VECTOR,
                java.util.Arrays.copyOf(cands, k), offsets, 1));
        List<BranchSpec> specs = new java.util.ArrayList<>();
        for (Column c : cols.values()) {
            specs.add(c.shape() == Shape.VECTOR ? BranchSpec.vector(c.name(), c.type())
                    : BranchSpec.scalar(c.name(), c.type()));
        }
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withCompression(Compression.LZ4, 1))) {
            w.tree("taus", "test", specs).append(cols);
        }
        return file;
    }

    /** Every branch of tree {@code taus} of {@code file}. */
    static Map<String, Column> read(Path file) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("taus");
            return t.read(t.branches().stream().map(b -> b.name()).toList(), 0, t.entries()).columns();
        }
    }

    /** A TH1D with the given edges and contents of the regular bins (under- and overflow as given). */
    static TH1 histogram(String name, double[] edges, double under, double[] contents, double over) {
        double[] all = new double[edges.length + 1];
        all[0] = under;
        System.arraycopy(contents, 0, all, 1, contents.length);
        all[all.length - 1] = over;
        return new TH1(name, name, "TH1D", edges, all, new double[0], 0);
    }
}
