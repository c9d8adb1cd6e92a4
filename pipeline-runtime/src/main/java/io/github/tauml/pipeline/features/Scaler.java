package io.github.tauml.pipeline.features;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.features.ScalingParams.Param;

/**
 * Applies {@link ScalingParams} to raw {@link InputBatch}es, in place, the same way for training and evaluation
 * datasets: τ-level and GridGlobal features with their {@code global} parameters, object features with the
 * {@code inner} or {@code outer} ones according to the grid (falling back to {@code global}). Not-filled values
 * (NaN) become 0, as the reference leaves unfilled entries at zero.
 */
public final class Scaler {
    private final Param[] tau;
    /** [grid][channel]. */
    private final Param[][] grid;

    private Scaler(Param[] tau, Param[][] grid) {
        this.tau = tau;
        this.grid = grid;
    }

    /**
     * Looks up every feature of {@code set}; all features missing from the file are reported at once.
     *
     * @param element the pom element or file the parameters came from, for messages
     */
    public static Scaler of(FeatureSet set, ScalingParams params, String element) throws ConfigException {
        Problems problems = new Problems();
        Param[] tau = new Param[set.tau().size()];
        for (int f = 0; f < tau.length; f++) {
            tau[f] = lookup(params, "TauFlat", set.tau().get(f), ScalingParams.GLOBAL, element, problems);
        }
        Param[][] grid = new Param[6][];
        for (int l = 0; l < 2; l++) {
            String scope = FeatureSet.LOCATIONS.get(l);
            for (int k = 0; k < 3; k++) {
                String kind = FeatureSet.KINDS.get(k);
                Param[] ch = new Param[set.channels(kind).size()];
                int c = 0;
                for (Feature f : set.gridGlobal()) {
                    ch[c++] = lookup(params, "GridGlobal", f, ScalingParams.GLOBAL, element, problems);
                }
                for (ObjectBlock ob : set.blocks(kind)) {
                    for (Feature f : ob.features()) {
                        ch[c++] = lookup(params, ob.name(), f, scope, element, problems);
                    }
                }
                grid[l * 3 + k] = ch;
            }
        }
        problems.throwIfAny();
        return new Scaler(tau, grid);
    }

    private static Param lookup(ScalingParams params, String block, Feature f, String scope, String element,
                                Problems problems) {
        Param p = params.get(block, f.name(), scope);
        if (p == null) {
            problems.add(element, "the scaling parameters lack feature '" + f.name() + "' of block '" + block
                    + "' (scope '" + scope + "' or 'global')", "add it to the scaling file, or omit the file so"
                    + " that the parameters are computed from the training sample");
            return Param.IDENTITY;
        }
        if (!(p.std() != 0) || Double.isNaN(p.mean())) {
            problems.add(element, "feature '" + f.name() + "' of block '" + block + "' has std " + p.std()
                    + " and mean " + p.mean(), "give a finite mean and a non-zero std");
        }
        return p;
    }

    /** Scales {@code b} in place. */
    public void apply(InputBatch b) {
        int nt = tau.length;
        for (int i = 0; i < b.size; i++) {
            for (int f = 0; f < nt; f++) {
                b.tau[i * nt + f] = tau[f].apply(b.tau[i * nt + f]);
            }
        }
        for (int g = 0; g < 6; g++) {
            InputBatch.Grid grid6 = b.grids[g];
            Param[] p = grid[g];
            int ch = grid6.channels;
            float[] v = grid6.values;
            for (int c = 0; c < grid6.cells.length; c++) {
                int base = c * ch;
                for (int k = 0; k < ch; k++) {
                    v[base + k] = p[k].apply(v[base + k]);
                }
            }
        }
    }
}
