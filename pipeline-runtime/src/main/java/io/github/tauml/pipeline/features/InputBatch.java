package io.github.tauml.pipeline.features;

/**
 * The DeepTau inputs of a batch of τ candidates, as columns: the τ-level features as one flat array, and per grid
 * the non-empty cells of every τ with their channel values (sparse). Values are raw (unscaled) after
 * {@link FeatureExtractor#extract} and scaled after {@link Scaler#apply}; a raw NaN marks "not filled" (a
 * feature whose condition is false, or a block with no object in that cell) and scales to 0.
 */
public final class InputBatch {
    /** Sparse cells of one grid for all τ of the batch. */
    public static final class Grid {
        /** Grid key, e.g. {@code inner_egamma}. */
        public final String key;
        public final int width;
        public final int channels;
        /** τ i's cells are {@code cells[start[i], start[i+1])}, flat index eta_index·width + phi_index, ascending. */
        public final int[] start;
        public int[] cells;
        /** {@code channels} values per cell, cell-major, aligned with {@link #cells}. */
        public float[] values;

        Grid(String key, int width, int channels, int taus, int[] cells, float[] values) {
            this.key = key;
            this.width = width;
            this.channels = channels;
            this.start = new int[taus + 1];
            this.cells = cells;
            this.values = values;
        }

        /** Number of non-empty cells of τ {@code i}. */
        public int cellCount(int i) {
            return start[i + 1] - start[i];
        }

        /** The dense {@code [width][width][channels]} tensor of τ {@code i} (for tests and small tools). */
        public float[] dense(int i) {
            float[] out = new float[width * width * channels];
            for (int c = start[i]; c < start[i + 1]; c++) {
                System.arraycopy(values, c * channels, out, cells[c] * channels, channels);
            }
            return out;
        }
    }

    /** Number of τ candidates. */
    public final int size;
    /** {@code size × tauFeatures} τ-level features, τ-major. */
    public final float[] tau;
    public final int tauFeatures;
    /** The six grids in Keras order: inner egamma, muon, hadrons, then outer. */
    public final Grid[] grids;
    /** {@code size × gridGlobal features}: the GridGlobal values of every τ (also in each non-empty cell). */
    public final float[] gridGlobal;
    /** Unscaled τ pT (GeV), η, φ per candidate. */
    public final float[] tauPt;
    public final float[] tauEta;
    public final float[] tauPhi;

    InputBatch(int size, float[] tau, int tauFeatures, float[] gridGlobal, Grid[] grids, float[] tauPt, float[] tauEta, float[] tauPhi) {
        this.size = size;
        this.tau = tau;
        this.tauFeatures = tauFeatures;
        this.gridGlobal = gridGlobal;
        this.grids = grids;
        this.tauPt = tauPt;
        this.tauEta = tauEta;
        this.tauPhi = tauPhi;
    }
}
