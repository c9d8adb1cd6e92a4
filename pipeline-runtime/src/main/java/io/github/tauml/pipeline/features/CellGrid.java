package io.github.tauml.pipeline.features;

import java.util.Arrays;

/**
 * Cell-grid filling of one τ (§3.1, TauMLTools {@code DataLoader_main.h::CreateCellGrid}): objects within the cone
 * (ΔR < r, strictly) and inside the grid are assigned to the cell {@link GridGeometry#index} gives for Δη and the
 * wrapped Δφ; per cell and block only the highest-pT object is kept. On equal pT the earlier object (lower index
 * in the collection) stays, as TauMLTools' {@code getBestObj} over the cell's ordered index set. PF candidates of
 * particle types other than the block's (0, 6, 7 and any unknown type included) are not placed; TauMLTools throws on
 * an unknown type instead.
 */
public final class CellGrid {
    private CellGrid() {
    }

    /** φ difference wrapped into [−π, π] (ROOT's {@code TVector2::Phi_mpi_pi}). */
    public static double deltaPhi(double phi, double tauPhi) {
        double d = phi - tauPhi;
        if (d > Math.PI || d < -Math.PI) {
            d = Math.IEEEremainder(d, 2 * Math.PI);
        }
        return d;
    }

    /**
     * Fills {@code best} (one slot per cell, flat eta_index·width + phi_index) with the index of the highest-pT
     * object of {@code [from, to)} that passes {@code accept}, lies within {@code cone} of the τ and inside the grid.
     * Slots without an object are -1. Arrays are the collection's flattened values.
     */
    public static void fill(GridGeometry g, double cone, double tauEta, double tauPhi, float[] pt, float[] eta,
                            float[] phi, int[] type, int wantType, int from, int to, int[] best) {
        Arrays.fill(best, -1);
        int n = g.cells();
        double cone2 = cone * cone;
        for (int j = from; j < to; j++) {
            if (wantType >= 0 && type[j] != wantType) {
                continue;
            }
            double dEta = eta[j] - tauEta;
            double dPhi = deltaPhi(phi[j], tauPhi);
            if (!(dEta * dEta + dPhi * dPhi < cone2)) {
                continue;
            }
            int ie = g.index(dEta);
            int ip = g.index(dPhi);
            if (ie < 0 || ip < 0) {
                continue;
            }
            int cell = ie * n + ip;
            int cur = best[cell];
            if (cur < 0 || pt[j] > pt[cur]) {
                best[cell] = j;
            }
        }
    }
}
