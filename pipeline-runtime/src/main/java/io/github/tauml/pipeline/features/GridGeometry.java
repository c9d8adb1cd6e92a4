package io.github.tauml.pipeline.features;

/**
 * One cell grid around the τ (§3.1): {@code cells} × {@code cells} square cells of {@code cellSize} in (Δη, Δφ),
 * centred on the τ, {@code cells} odd so that the τ sits in the middle of the centre cell.
 *
 * @param location {@code inner} or {@code outer}
 * @param cells    cells per side (odd): 11 inner and 21 outer in v2p5
 * @param cellSize cell side in η and φ: 0.02 inner and 0.05 outer in v2p5
 */
public record GridGeometry(String location, int cells, double cellSize) implements java.io.Serializable {
    public GridGeometry {
        if (cells < 1 || cells % 2 == 0) {
            throw new IllegalArgumentException(location + " grid: the number of cells per side must be odd and"
                    + " positive, got " + cells);
        }
        if (!(cellSize > 0)) {
            throw new IllegalArgumentException(location + " grid: the cell size must be positive, got " + cellSize);
        }
    }

    /** The largest |Δ| accepted: size·(0.5 + (n−1)/2) = size·n/2 ({@code CellGrid::MaxDeltaEta}). */
    public double maxDelta() {
        return cellSize * (0.5 + (cells - 1) / 2);
    }

    /**
     * The cell index along one axis in [0, cells), or -1 outside the grid: k = round(|Δ|/size) half away from zero,
     * with the sign of Δ ({@code floor(|Δ|/size + 0.5)}), shifted by (n−1)/2. An object exactly on the outer edge
     * (|Δ| = size·n/2) would round to a cell beyond the last and is outside.
     */
    public int index(double delta) {
        double abs = Math.abs(delta);
        if (!(abs <= maxDelta())) {
            return -1;
        }
        int half = (cells - 1) / 2;
        int k = (int) Math.floor(abs / cellSize + 0.5);
        if (k > half) {
            return -1;
        }
        return (delta < 0 ? -k : k) + half;
    }

    public int cellCount() {
        return cells * cells;
    }
}
