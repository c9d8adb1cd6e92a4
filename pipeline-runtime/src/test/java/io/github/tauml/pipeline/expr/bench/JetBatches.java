package io.github.tauml.pipeline.expr.bench;

import io.github.tauml.pipeline.expr.ColumnType;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic jagged jet collections (counted float arrays Jet_pt[nJet] and Jet_eta[nJet], 0 to 7 jets an entry,
 * about 3 on average, pT from 15 GeV with an exponential tail) and {@link ExpressionBenchmark}'s jet selections
 * written by hand as loops over the entry offsets.
 */
public final class JetBatches {
    private JetBatches() {
    }

    public static Map<String, ColumnType> schema() {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        schema.put("Jet_pt", ColumnType.jagged(LeafType.FLOAT32));
        schema.put("Jet_eta", ColumnType.jagged(LeafType.FLOAT32));
        return schema;
    }

    public static Columns batch(long first, int entries, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] offsets = new int[entries + 1];
        for (int i = 0; i < entries; i++) {
            offsets[i + 1] = offsets[i] + r.nextInt(7) + (r.nextInt(4) == 0 ? 1 : 0);
        }
        int n = offsets[entries];
        float[] pt = new float[n];
        float[] eta = new float[n];
        for (int k = 0; k < n; k++) {
            pt[k] = (float) (15 - 20 * Math.log(1 - r.nextDouble()));
            eta[k] = (float) r.nextDouble(-4.7, 4.7);
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("Jet_pt", new Column("Jet_pt", LeafType.FLOAT32, Shape.JAGGED, pt, offsets, 1));
        columns.put("Jet_eta", new Column("Jet_eta", LeafType.FLOAT32, Shape.JAGGED, eta, offsets.clone(), 1));
        return new Columns(first, entries, columns);
    }

    /** {@code Sum(Jet_pt > 30) >= 2}. */
    public static boolean[] reductionByHand(Columns batch) {
        Column c = batch.get("Jet_pt");
        float[] pt = (float[]) c.values();
        int[] off = c.offsets();
        boolean[] out = new boolean[(int) batch.entries()];
        for (int i = 0; i < out.length; i++) {
            int n = 0;
            for (int k = off[i]; k < off[i + 1]; k++) {
                n += pt[k] > 30 ? 1 : 0;
            }
            out[i] = n >= 2;
        }
        return out;
    }

    /** {@code Sum(Jet_pt[abs(Jet_eta) < 2.4]) > 60}: a float sum, as RVec's Sum of an RVec<float>. */
    public static boolean[] maskByHand(Columns batch) {
        float[] pt = (float[]) batch.get("Jet_pt").values();
        float[] eta = (float[]) batch.get("Jet_eta").values();
        int[] off = batch.get("Jet_pt").offsets();
        boolean[] out = new boolean[(int) batch.entries()];
        for (int i = 0; i < out.length; i++) {
            float sum = 0;
            for (int k = off[i]; k < off[i + 1]; k++) {
                if (Math.abs(eta[k]) < 2.4) {
                    sum += pt[k];
                }
            }
            out[i] = sum > 60;
        }
        return out;
    }
}
