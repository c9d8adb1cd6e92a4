package io.github.tauml.pipeline.features;

import io.github.tauml.pipeline.features.ScalingParams.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link ScalingParams} from raw {@link InputBatch}es of the training sample (§3.1): {@code normal}
 * features get the mean and (population) standard deviation of their filled values — τ-level and GridGlobal
 * features over all τ, object features separately over the cells of the inner and of the outer grids — and the
 * declared clamp; {@code linear} ranges map to [−1, 1]; {@code no_scaling} and {@code categorical} are the
 * identity. Feed batches in a fixed order for reproducible bytes. A normal feature with no filled value or zero
 * spread gets std 1 (it then only shifts by its mean) and is listed by {@link #degenerate()}.
 */
public final class ScalingStats {
    /** Welford's running mean and variance. */
    private static final class Acc {
        long n;
        double mean;
        double m2;

        void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
    }

    private final FeatureSet set;
    private final Acc[] tau;
    private final Acc[] gridGlobal;
    /** [location][kind][channel − gridGlobal]. */
    private final Acc[][][] grid;
    private final List<String> degenerate = new java.util.ArrayList<>();

    public ScalingStats(FeatureSet set) {
        this.set = set;
        tau = newAccs(set.tau().size());
        gridGlobal = newAccs(set.gridGlobal().size());
        grid = new Acc[2][3][];
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                grid[l][k] = newAccs(set.channels(FeatureSet.KINDS.get(k)).size() - set.gridGlobal().size());
            }
        }
    }

    private static Acc[] newAccs(int n) {
        Acc[] a = new Acc[n];
        for (int i = 0; i < n; i++) {
            a[i] = new Acc();
        }
        return a;
    }

    /** Adds the filled values of a raw batch. */
    public void accept(InputBatch b) {
        acceptFilled(filled(b));
    }

    /**
     * The filled values of a raw batch that {@link #accept} adds, per accumulator in entry order: the τ features,
     * the GridGlobal features, then the object features of inner egamma, muon, hadrons and outer egamma, muon,
     * hadrons (empty arrays for features that are not {@code normal}). Welford's running mean depends on the order
     * of its values, so a batch computed elsewhere (an executor, issue 13) is added by {@link #acceptFilled} in the
     * local order and gives the same parameters, bit for bit.
     *
     * @return one array per accumulator; arrays of consecutive batches concatenate to those of their union
     */
    public float[][] filled(InputBatch b) {
        float[][] out = new float[accumulators()][];
        int a = 0;
        a = filled(b.tau, b.size, set.tau(), out, a);
        a = filled(b.gridGlobal, b.size, set.gridGlobal(), out, a);
        int ngg = set.gridGlobal().size();
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                InputBatch.Grid g = b.grids[l * 3 + k];
                List<Feature> features = objectFeatures(k);
                int ch = g.channels;
                int cells = g.cells.length;
                for (int f = 0; f < features.size(); f++) {
                    if (features.get(f).scaling().type() != Scaling.Type.NORMAL) {
                        out[a++] = new float[0];
                        continue;
                    }
                    float[] v = new float[cells];
                    int n = 0;
                    for (int c = 0; c < cells; c++) {
                        float x = g.values[c * ch + ngg + f];
                        if (!Float.isNaN(x)) {
                            v[n++] = x;
                        }
                    }
                    out[a++] = n == cells ? v : java.util.Arrays.copyOf(v, n);
                }
            }
        }
        return out;
    }

    /** Adds values as {@link #filled} returns them, each accumulator's in order. */
    public void acceptFilled(float[][] values) {
        if (values.length != accumulators()) {
            throw new IllegalArgumentException(values.length + " value arrays for " + accumulators()
                    + " accumulators");
        }
        int a = 0;
        for (Acc acc : tau) {
            add(acc, values[a++]);
        }
        for (Acc acc : gridGlobal) {
            add(acc, values[a++]);
        }
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                for (Acc acc : grid[l][k]) {
                    add(acc, values[a++]);
                }
            }
        }
    }

    /** The number of arrays {@link #filled} returns. */
    public int accumulators() {
        int n = tau.length + gridGlobal.length;
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                n += grid[l][k].length;
            }
        }
        return n;
    }

    private static void add(Acc acc, float[] values) {
        for (float x : values) {
            acc.add(x);
        }
    }

    private static int filled(float[] values, int size, List<Feature> features, float[][] out, int a) {
        int nf = features.size();
        for (int f = 0; f < nf; f++) {
            if (features.get(f).scaling().type() != Scaling.Type.NORMAL) {
                out[a++] = new float[0];
                continue;
            }
            float[] v = new float[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                float x = values[i * nf + f];
                if (!Float.isNaN(x)) {
                    v[n++] = x;
                }
            }
            out[a++] = n == size ? v : java.util.Arrays.copyOf(v, n);
        }
        return a;
    }

    private List<Feature> objectFeatures(int kind) {
        List<Feature> out = new java.util.ArrayList<>();
        for (ObjectBlock ob : set.blocks(FeatureSet.KINDS.get(kind))) {
            out.addAll(ob.features());
        }
        return out;
    }

    /** Features whose normal scaling had no filled value or zero spread ({@code block/feature/scope}). */
    public List<String> degenerate() {
        return List.copyOf(degenerate);
    }

    /** The parameters, blocks in the order TauFlat, GridGlobal, then the object blocks of egamma, muon, hadrons. */
    public ScalingParams result() {
        degenerate.clear();
        Map<String, Map<String, Map<String, Param>>> out = new LinkedHashMap<>();
        out.put("TauFlat", flat("TauFlat", set.tau(), tau));
        out.put("GridGlobal", flat("GridGlobal", set.gridGlobal(), gridGlobal));
        for (int k = 0; k < 3; k++) {
            int offset = 0;
            for (ObjectBlock ob : set.blocks(FeatureSet.KINDS.get(k))) {
                Map<String, Map<String, Param>> features = new LinkedHashMap<>();
                for (int f = 0; f < ob.features().size(); f++) {
                    Feature feature = ob.features().get(f);
                    Map<String, Param> scopes = new LinkedHashMap<>();
                    for (String scope : ScalingParams.scopes(feature.scaling(), true)) {
                        int l = "outer".equals(scope) ? 1 : 0;
                        scopes.put(scope, param(ob.name() + "/" + feature.name() + "/" + scope, feature.scaling(),
                                grid[l][k][offset + f], l == 1));
                    }
                    features.put(feature.name(), scopes);
                }
                offset += ob.features().size();
                out.put(ob.name(), features);
            }
        }
        return new ScalingParams(out);
    }

    private Map<String, Map<String, Param>> flat(String block, List<Feature> features, Acc[] acc) {
        Map<String, Map<String, Param>> out = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            Map<String, Param> scopes = new LinkedHashMap<>();
            scopes.put(ScalingParams.GLOBAL, param(block + "/" + feature.name() + "/global", feature.scaling(), acc[f],
                    false));
            out.put(feature.name(), scopes);
        }
        return out;
    }

    private Param param(String where, Scaling s, Acc acc, boolean outer) {
        return switch (s.type()) {
            case NO_SCALING, CATEGORICAL -> Param.IDENTITY;
            case LINEAR -> {
                double a = outer ? s.outerA() : s.a();
                double b = outer ? s.outerB() : s.b();
                yield new Param((a + b) / 2, (b - a) / 2, -1, 1);
            }
            case NORMAL -> {
                double std = acc.n > 0 ? Math.sqrt(acc.m2 / acc.n) : 0;
                if (!(std > 0)) {
                    degenerate.add(where);
                    std = 1;
                }
                yield new Param(acc.n > 0 ? acc.mean : 0, std, outer ? s.outerA() : s.a(), outer ? s.outerB() : s.b());
            }
        };
    }
}
