package io.github.tauml.rootspark;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded toy tau candidates written with root-io's writer, tree {@code taus}: {@code event} (int64, = entry
 * number), {@code tau_pt} (float32, GeV, every 97th value NaN), {@code tau_eta} (float32), {@code tau_decayMode}
 * (int32 in {0,1,2,10,11}), {@code tau_isGood} (bool), {@code nJet} (int32) and {@code jet_pt[nJet]} (float32).
 */
public final class ToyTrees {
    public static final String TREE = "taus";
    private static final int[] DECAY_MODES = {0, 1, 2, 10, 11};

    private ToyTrees() {
    }

    /** Writes {@code entries} candidates in baskets (clusters) of {@code basketEntries}. */
    public static Path write(Path path, int entries, int basketEntries, long seed) throws IOException {
        List<BranchSpec> specs = List.of(
                BranchSpec.scalar("event", LeafType.INT64),
                BranchSpec.scalar("tau_pt", LeafType.FLOAT32),
                BranchSpec.scalar("tau_eta", LeafType.FLOAT32),
                BranchSpec.scalar("tau_decayMode", LeafType.INT32),
                BranchSpec.scalar("tau_isGood", LeafType.BOOL),
                BranchSpec.scalar("nJet", LeafType.INT32),
                BranchSpec.jagged("jet_pt", LeafType.FLOAT32, "nJet"));
        Random r = new Random(seed);
        try (RootWriter w = RootWriter.create(path, WriterOptions.defaults().withBasketEntries(basketEntries))) {
            TreeWriter t = w.tree(TREE, "toy taus", specs);
            int chunk = 100_000;
            for (int start = 0; start < entries; start += chunk) {
                int n = Math.min(chunk, entries - start);
                long[] event = new long[n];
                float[] pt = new float[n];
                float[] eta = new float[n];
                int[] dm = new int[n];
                boolean[] good = new boolean[n];
                int[] nJet = new int[n];
                int[] offsets = new int[n + 1];
                for (int i = 0; i < n; i++) {
                    event[i] = start + i;
                    pt[i] = (start + i) % 97 == 0 ? Float.NaN : 20 + 80 * r.nextFloat();
                    eta[i] = (float) (4.6 * r.nextFloat() - 2.3);
                    dm[i] = DECAY_MODES[r.nextInt(DECAY_MODES.length)];
                    good[i] = r.nextBoolean();
                    nJet[i] = r.nextInt(4);
                    offsets[i + 1] = offsets[i] + nJet[i];
                }
                float[] jets = new float[offsets[n]];
                for (int j = 0; j < jets.length; j++) {
                    jets[j] = 30 + 100 * r.nextFloat();
                }
                Map<String, Column> batch = new LinkedHashMap<>();
                batch.put("event", new Column("event", LeafType.INT64, Shape.SCALAR, event, null, 1));
                batch.put("tau_pt", new Column("tau_pt", LeafType.FLOAT32, Shape.SCALAR, pt, null, 1));
                batch.put("tau_eta", new Column("tau_eta", LeafType.FLOAT32, Shape.SCALAR, eta, null, 1));
                batch.put("tau_decayMode", new Column("tau_decayMode", LeafType.INT32, Shape.SCALAR, dm, null, 1));
                batch.put("tau_isGood", new Column("tau_isGood", LeafType.BOOL, Shape.SCALAR, good, null, 1));
                batch.put("nJet", new Column("nJet", LeafType.INT32, Shape.SCALAR, nJet, null, 1));
                batch.put("jet_pt", new Column("jet_pt", LeafType.FLOAT32, Shape.JAGGED, jets, offsets, 1));
                t.append(batch);
            }
        }
        return path;
    }

    /**
     * Overwrites the second half of the basket of {@code branch} that holds {@code entry} with 0xFF bytes, so
     * that decoding that basket fails while every other basket stays intact.
     */
    static void corruptBasket(Path file, String tree, String branch, long entry) throws IOException {
        Basket target = null;
        try (RootFile f = RootFile.open(file)) {
            for (Basket b : f.tree(tree).branch(branch).baskets()) {
                if (b.firstEntry() <= entry && entry < b.endEntry()) {
                    target = b;
                }
            }
        }
        if (target == null || target.embedded() != null) {
            throw new IllegalStateException("no separate basket of " + branch + " holds entry " + entry);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            int half = target.bytes() / 2;
            raf.seek(target.seek() + target.bytes() - half);
            byte[] junk = new byte[half];
            java.util.Arrays.fill(junk, (byte) 0xFF);
            raf.write(junk);
        }
    }
}
