package io.github.tauml.pipeline.features;

import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TauTuple with hand-placed τ candidates and particles, written by root-io with the toy's branch layout; every
 * value not set is 0.
 */
final class HandTuple {
    /** One τ with its scalar values and its particles per collection. */
    static final class Tau {
        final Map<String, Double> scalars = new HashMap<>();
        final Map<String, List<Map<String, Double>>> objects = new HashMap<>();

        Tau(double pt, double eta, double phi) {
            set("tau_pt", pt).set("tau_eta", eta).set("tau_phi", phi);
        }

        Tau set(String branch, double v) {
            scalars.put(branch, v);
            return this;
        }

        /** Adds an object of {@code collection} (pfCand, ele, muon); {@code kv} are branch-suffix/value pairs. */
        Tau add(String collection, double pt, double eta, double phi, Object... kv) {
            Map<String, Double> o = new HashMap<>();
            o.put(collection + "_pt", pt);
            o.put(collection + "_eta", eta);
            o.put(collection + "_phi", phi);
            for (int i = 0; i < kv.length; i += 2) {
                o.put(collection + "_" + kv[i], ((Number) kv[i + 1]).doubleValue());
            }
            objects.computeIfAbsent(collection, k -> new ArrayList<>()).add(o);
            return this;
        }

        Tau pf(int type, double pt, double eta, double phi, Object... kv) {
            Object[] all = new Object[kv.length + 2];
            all[0] = "particleType";
            all[1] = type;
            System.arraycopy(kv, 0, all, 2, kv.length);
            return add("pfCand", pt, eta, phi, all);
        }
    }

    private HandTuple() {
    }

    static void write(Path file, List<Tau> taus) throws IOException {
        List<BranchSpec> specs = ToyNtuples.branches(true);
        Map<String, Column> cols = new LinkedHashMap<>();
        int n = taus.size();
        for (BranchSpec s : specs) {
            if (s.shape() == Shape.SCALAR) {
                Object a = Column.newArray(s.type(), n);
                for (int i = 0; i < n; i++) {
                    set(a, i, taus.get(i).scalars.getOrDefault(s.name(), 0.0));
                }
                cols.put(s.name(), new Column(s.name(), s.type(), Shape.SCALAR, a, null, 1));
            } else {
                String collection = s.name().substring(0, s.name().indexOf('_'));
                int[] off = new int[n + 1];
                for (int i = 0; i < n; i++) {
                    off[i + 1] = off[i] + taus.get(i).objects.getOrDefault(collection, List.of()).size();
                }
                Object a = Column.newArray(s.type(), off[n]);
                int k = 0;
                for (Tau t : taus) {
                    for (Map<String, Double> o : t.objects.getOrDefault(collection, List.of())) {
                        set(a, k++, o.getOrDefault(s.name(), 0.0));
                    }
                }
                cols.put(s.name(), new Column(s.name(), s.type(), Shape.VECTOR, a, off, 1));
            }
        }
        try (RootWriter w = RootWriter.create(file)) {
            TreeWriter t = w.tree("taus", "hand-placed candidates", specs);
            t.append(cols);
            t.close();
        }
    }

    private static void set(Object a, int i, double v) {
        if (a instanceof float[] f) {
            f[i] = (float) v;
        } else if (a instanceof double[] d) {
            d[i] = v;
        } else if (a instanceof int[] x) {
            x[i] = (int) v;
        } else if (a instanceof long[] x) {
            x[i] = (long) v;
        } else {
            throw new IllegalArgumentException("unexpected array " + a.getClass());
        }
    }

}
