package io.github.tauml.pipeline.features;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.expr.ColumnType;
import io.github.tauml.pipeline.expr.Expression;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the DeepTau inputs of a {@link FeatureSet} from TauTuple column batches (§3.1): τ-level features, then
 * the inner and outer cell grids of every τ, then the features of the objects that won a cell, evaluated once per
 * block over all winners of the batch (compiled expressions over gathered columns). Compile once per input schema
 * with {@link #compile}, then call {@link #extract} per batch; an instance is immutable and thread-safe.
 */
public final class FeatureExtractor {
    /** Synthetic per-object columns available to object-feature expressions. */
    public static final String DELTA_ETA = "deltaEta";
    public static final String DELTA_PHI = "deltaPhi";
    public static final String DELTA_R = "deltaR";

    private record Compiled(Feature feature, Expression value, Expression when) {
    }

    private record Block(ObjectBlock block, int kind, List<Compiled> features, Set<String> objectBranches,
                         Set<String> tauBranches) {
    }

    private final FeatureSet set;
    private final List<Compiled> tau;
    private final List<Compiled> gridGlobal;
    /** All blocks, egamma first, then muon, then hadrons. */
    private final List<Block> blocks;
    /** Per grid kind, the indices into {@link #blocks}. */
    private final int[][] kindBlocks;
    private final List<String> branches;

    private FeatureExtractor(FeatureSet set, List<Compiled> tau, List<Compiled> gridGlobal, List<Block> blocks,
                             List<String> branches) {
        this.set = set;
        this.tau = tau;
        this.gridGlobal = gridGlobal;
        this.blocks = blocks;
        this.branches = branches;
        kindBlocks = new int[3][];
        for (int k = 0; k < 3; k++) {
            int kk = k;
            kindBlocks[k] = java.util.stream.IntStream.range(0, blocks.size())
                    .filter(i -> blocks.get(i).kind == kk).toArray();
        }
    }

    public FeatureSet featureSet() {
        return set;
    }

    /** The branches {@link #extract} needs in its batches. */
    public List<String> branches() {
        return branches;
    }

    /**
     * Compiles every feature of {@code set} against {@code tree}'s branches. All problems are reported together;
     * each names the feature ({@code <features>/TauFlat/tau_dz_sig}) and the branch the tree lacks.
     *
     * @param element the pom element the features are declared at, for messages (e.g. {@code features})
     */
    public static FeatureExtractor compile(FeatureSet set, TTree tree, String element) throws ConfigException {
        Problems problems = new Problems();
        String where = "tree '" + tree.name() + "' of " + tree.file().path();
        Map<String, ColumnType> all = ColumnType.schemaOf(tree.branches());
        Map<String, ColumnType> scalars = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (v.shape() == Shape.SCALAR) {
                scalars.put(k, v);
            }
        });
        for (String b : List.of("tau_pt", "tau_eta", "tau_phi")) {
            if (!scalars.containsKey(b)) {
                problems.add(element, "the τ needs scalar branch '" + b + "', which " + where + " lacks",
                        "use TauTuple inputs");
            }
        }
        Set<String> read = new LinkedHashSet<>(List.of("tau_pt", "tau_eta", "tau_phi"));
        List<Compiled> tau = compileAll(set.tau(), scalars, element + "/TauFlat", where, problems, read);
        List<Compiled> gg = compileAll(set.gridGlobal(), scalars, element + "/GridGlobal", where, problems, read);
        List<Block> blocks = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < 3; k++) {
            for (ObjectBlock b : set.blocks(FeatureSet.KINDS.get(k))) {
                String be = element + "/" + b.name();
                if (!seen.add(b.collection() + ":" + b.particleType())) {
                    problems.add(be, "objects of collection '" + b.collection() + "' (type " + b.particleType()
                            + ") are already used by another block", "give each object type one block");
                }
                Map<String, ColumnType> schema = new LinkedHashMap<>(scalars);
                String prefix = b.collection() + "_";
                all.forEach((name, t) -> {
                    if (name.startsWith(prefix) && t.shape() == Shape.VECTOR && t.type() != LeafType.STRING) {
                        schema.put(name, ColumnType.scalar(t.type()));
                    }
                });
                List<String> kinematics = new ArrayList<>(List.of(b.pt(), b.eta(), b.phi()));
                if (b.particleType() >= 0) {
                    kinematics.add(b.collection() + "_particleType");
                }
                for (String kb : kinematics) {
                    if (!schema.containsKey(kb) || scalars.containsKey(kb)) {
                        problems.add(be, "the grid needs vector branch '" + kb + "', which " + where + " lacks",
                                "use inputs with the particle collections (toy ntuples with particles=true), or"
                                        + " drop block " + b.name());
                    }
                }
                schema.put(DELTA_ETA, ColumnType.scalar(LeafType.FLOAT64));
                schema.put(DELTA_PHI, ColumnType.scalar(LeafType.FLOAT64));
                schema.put(DELTA_R, ColumnType.scalar(LeafType.FLOAT64));
                Set<String> used = new LinkedHashSet<>();
                List<Compiled> features = compileAll(b.features(), schema, be, where, problems, used);
                Set<String> obj = new LinkedHashSet<>();
                Set<String> tb = new LinkedHashSet<>();
                for (String u : used) {
                    if (u.equals(DELTA_ETA) || u.equals(DELTA_PHI) || u.equals(DELTA_R)) {
                        continue;
                    }
                    (scalars.containsKey(u) ? tb : obj).add(u);
                }
                read.addAll(kinematics);
                read.addAll(obj);
                read.addAll(tb);
                blocks.add(new Block(b, k, features, obj, tb));
            }
        }
        problems.throwIfAny();
        return new FeatureExtractor(set, tau, gg, blocks, List.copyOf(read));
    }

    private static List<Compiled> compileAll(List<Feature> features, Map<String, ColumnType> schema, String element,
                                             String where, Problems problems, Set<String> read) {
        List<Compiled> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Feature f : features) {
            String fe = element + "/" + f.name();
            if (!names.add(f.name())) {
                problems.add(fe, "feature '" + f.name() + "' is listed twice", "list each feature once");
                continue;
            }
            try {
                Expression v = Expression.compile(f.expression(), schema);
                Expression w = f.when().isBlank() ? null : Expression.compile(f.when(), schema);
                read.addAll(v.branches());
                if (w != null) {
                    read.addAll(w.branches());
                }
                out.add(new Compiled(f, v, w));
            } catch (ExpressionException e) {
                problems.add(fe, "cannot be computed from " + where + ": " + e.getMessage(),
                        "use inputs that carry the branch, a preset that does not need it (small), or remove the"
                                + " feature");
            }
        }
        return out;
    }

    /** Per-location, per-block winners of a batch, gathered for feature evaluation. */
    private static final class Winners {
        int n;
        int[] object = new int[256];
        int[] tauRow = new int[256];

        int add(int obj, int row) {
            if (n == object.length) {
                object = Arrays.copyOf(object, n * 2);
                tauRow = Arrays.copyOf(tauRow, n * 2);
            }
            object[n] = obj;
            tauRow[n] = row;
            return n++;
        }
    }

    /**
     * The raw inputs of every τ of {@code batch}, which must hold {@link #branches()}.
     *
     * @throws ExpressionException a feature fails on an entry (an integer division by zero, say)
     */
    public InputBatch extract(Columns batch) throws ExpressionException {
        int n = Math.toIntExact(batch.entries());
        float[] pt = toFloats(batch.get("tau_pt"));
        float[] eta = toFloats(batch.get("tau_eta"));
        float[] phi = toFloats(batch.get("tau_phi"));
        int nt = tau.size();
        float[] tauOut = new float[n * nt];
        for (int f = 0; f < nt; f++) {
            float[] v = evaluate(tau.get(f), batch);
            for (int i = 0; i < n; i++) {
                tauOut[i * nt + f] = v[i];
            }
        }
        int ngg = gridGlobal.size();
        float[][] gg = new float[ngg][];
        for (int f = 0; f < ngg; f++) {
            gg[f] = evaluate(gridGlobal.get(f), batch);
        }

        int nb = blocks.size();
        // Flattened collections per block.
        float[][] opt = new float[nb][];
        float[][] oeta = new float[nb][];
        float[][] ophi = new float[nb][];
        int[][] otype = new int[nb][];
        int[][] off = new int[nb][];
        for (int b = 0; b < nb; b++) {
            ObjectBlock ob = blocks.get(b).block;
            Column c = batch.get(ob.pt());
            opt[b] = toFloats(c);
            oeta[b] = toFloats(batch.get(ob.eta()));
            ophi[b] = toFloats(batch.get(ob.phi()));
            off[b] = c.offsets();
            otype[b] = ob.particleType() >= 0 ? toInts(batch.get(ob.collection() + "_particleType")) : null;
        }

        GridGeometry[] geo = {set.inner(), set.outer()};
        Winners[][] winners = new Winners[2][nb];
        int[][][] best = new int[2][nb][];
        InputBatch.Grid[] grids = new InputBatch.Grid[6];
        int[][] cellBuf = new int[6][];
        int[] cellCount = new int[6];
        for (int l = 0; l < 2; l++) {
            for (int b = 0; b < nb; b++) {
                winners[l][b] = new Winners();
                best[l][b] = new int[geo[l].cellCount()];
            }
            for (int k = 0; k < 3; k++) {
                int g = l * 3 + k;
                int channels = ngg;
                for (int b : kindBlocks[k]) {
                    channels += blocks.get(b).features.size();
                }
                grids[g] = new InputBatch.Grid(geo[l].location() + "_" + FeatureSet.KINDS.get(k), geo[l].cells(),
                        channels, n, null, null);
                cellBuf[g] = new int[Math.max(16, n * 8)];
            }
        }
        // slot table per grid: for each listed cell, one winner slot per block of the kind (-1 for none).
        int[][] slotBuf = new int[6][];
        for (int g = 0; g < 6; g++) {
            slotBuf[g] = new int[cellBuf[g].length * Math.max(1, kindBlocks[g % 3].length)];
        }
        for (int i = 0; i < n; i++) {
            double rSig = set.signalCone(pt[i]);
            for (int l = 0; l < 2; l++) {
                double cone = l == 0 ? rSig : set.isoCone();
                for (int b = 0; b < nb; b++) {
                    CellGrid.fill(geo[l], cone, eta[i], phi[i], opt[b], oeta[b], ophi[b], otype[b],
                            blocks.get(b).block.particleType(), off[b][i], off[b][i + 1], best[l][b]);
                }
                int cells = geo[l].cellCount();
                for (int k = 0; k < 3; k++) {
                    int g = l * 3 + k;
                    int[] kb = kindBlocks[k];
                    InputBatch.Grid grid = grids[g];
                    grid.start[i] = cellCount[g];
                    for (int cell = 0; cell < cells; cell++) {
                        boolean any = false;
                        for (int b : kb) {
                            if (best[l][b][cell] >= 0) {
                                any = true;
                                break;
                            }
                        }
                        if (!any) {
                            continue;
                        }
                        int c = cellCount[g]++;
                        if (c == cellBuf[g].length) {
                            cellBuf[g] = Arrays.copyOf(cellBuf[g], c * 2);
                            slotBuf[g] = Arrays.copyOf(slotBuf[g], c * 2 * Math.max(1, kb.length));
                        }
                        cellBuf[g][c] = cell;
                        for (int j = 0; j < kb.length; j++) {
                            int obj = best[l][kb[j]][cell];
                            slotBuf[g][c * kb.length + j] = obj < 0 ? -1 : winners[l][kb[j]].add(obj, i);
                        }
                    }
                }
            }
        }
        // Object features, evaluated per block and location over the gathered winners.
        float[][][] values = new float[2][nb][];
        for (int l = 0; l < 2; l++) {
            for (int b = 0; b < nb; b++) {
                values[l][b] = evaluateObjects(blocks.get(b), winners[l][b], batch, eta, phi, oeta[b], ophi[b]);
            }
        }
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                int g = l * 3 + k;
                InputBatch.Grid grid = grids[g];
                grid.start[n] = cellCount[g];
                int[] kb = kindBlocks[k];
                int ch = grid.channels;
                float[] v = new float[cellCount[g] * ch];
                for (int i = 0; i < n; i++) {
                    for (int c = grid.start[i]; c < grid.start[i + 1]; c++) {
                        int p = c * ch;
                        for (int f = 0; f < ngg; f++) {
                            v[p++] = gg[f][i];
                        }
                        for (int j = 0; j < kb.length; j++) {
                            int nf = blocks.get(kb[j]).features.size();
                            int slot = slotBuf[g][c * kb.length + j];
                            if (slot < 0) {
                                Arrays.fill(v, p, p + nf, Float.NaN);
                            } else {
                                System.arraycopy(values[l][kb[j]], slot * nf, v, p, nf);
                            }
                            p += nf;
                        }
                    }
                }
                grid.cells = Arrays.copyOf(cellBuf[g], cellCount[g]);
                grid.values = v;
            }
        }
        float[] ggOut = new float[n * ngg];
        for (int f = 0; f < ngg; f++) {
            for (int i = 0; i < n; i++) {
                ggOut[i * ngg + f] = gg[f][i];
            }
        }
        return new InputBatch(n, tauOut, nt, ggOut, grids, pt, eta, phi);
    }

    /** Feature values of the winners, winner-major; NaN where the condition is false or the value not finite. */
    private float[] evaluateObjects(Block b, Winners w, Columns batch, float[] tauEta, float[] tauPhi, float[] oeta,
                                    float[] ophi) throws ExpressionException {
        int nf = b.features.size();
        float[] out = new float[w.n * nf];
        if (w.n == 0) {
            return out;
        }
        int[] obj = Arrays.copyOf(w.object, w.n);
        int[] row = Arrays.copyOf(w.tauRow, w.n);
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String name : b.objectBranches) {
            cols.put(name, gather(batch.get(name), obj, name));
        }
        for (String name : b.tauBranches) {
            cols.put(name, gather(batch.get(name), row, name));
        }
        double[] de = new double[w.n];
        double[] dp = new double[w.n];
        double[] dr = new double[w.n];
        for (int i = 0; i < w.n; i++) {
            de[i] = oeta[obj[i]] - tauEta[row[i]];
            dp[i] = CellGrid.deltaPhi(ophi[obj[i]], tauPhi[row[i]]);
            dr[i] = Math.sqrt(de[i] * de[i] + dp[i] * dp[i]);
        }
        cols.put(DELTA_ETA, new Column(DELTA_ETA, LeafType.FLOAT64, Shape.SCALAR, de, null, 1));
        cols.put(DELTA_PHI, new Column(DELTA_PHI, LeafType.FLOAT64, Shape.SCALAR, dp, null, 1));
        cols.put(DELTA_R, new Column(DELTA_R, LeafType.FLOAT64, Shape.SCALAR, dr, null, 1));
        Columns gathered = new Columns(batch.firstEntry(), w.n, cols);
        for (int f = 0; f < nf; f++) {
            float[] v = evaluate(b.features.get(f), gathered);
            for (int i = 0; i < w.n; i++) {
                out[i * nf + f] = v[i];
            }
        }
        return out;
    }

    private static float[] evaluate(Compiled c, Columns batch) throws ExpressionException {
        Column col = c.value.evaluate(batch, c.feature.name());
        int n = col.entries();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) col.getDouble(i);
        }
        if (c.when != null) {
            boolean[] ok = c.when.evaluateMask(batch);
            for (int i = 0; i < n; i++) {
                if (!ok[i]) {
                    out[i] = Float.NaN;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(out[i])) {
                out[i] = Float.NaN;
            }
        }
        return out;
    }

    /** A scalar column of {@code src}'s values at {@code idx}, same type. */
    static Column gather(Column src, int[] idx, String name) {
        Object v = src.values();
        Object out;
        int n = idx.length;
        if (v instanceof float[] a) {
            float[] o = new float[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof int[] a) {
            int[] o = new int[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof double[] a) {
            double[] o = new double[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof long[] a) {
            long[] o = new long[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof short[] a) {
            short[] o = new short[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof byte[] a) {
            byte[] o = new byte[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else if (v instanceof boolean[] a) {
            boolean[] o = new boolean[n];
            for (int i = 0; i < n; i++) {
                o[i] = a[idx[i]];
            }
            out = o;
        } else {
            throw new IllegalArgumentException("branch '" + name + "' has no numeric values");
        }
        return new Column(name, src.type(), Shape.SCALAR, out, null, 1);
    }

    static float[] toFloats(Column c) {
        if (c.values() instanceof float[] f) {
            return f;
        }
        float[] out = new float[c.valueCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) c.getDouble(i);
        }
        return out;
    }

    static int[] toInts(Column c) {
        if (c.values() instanceof int[] f) {
            return f;
        }
        int[] out = new int[c.valueCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) c.getLong(i);
        }
        return out;
    }
}
