package io.github.tauml.pipeline.evaluate;

import java.util.EnumMap;
import java.util.Map;

/**
 * D_jet of data against weighted simulation in the agreement window (reference §5): data unweighted (errors √N),
 * each simulated contribution histogrammed with its {@code weights} (errors √Σw²), no normalisation.
 *
 * @param data          data, unit weights
 * @param contributions each simulated contribution, by {@link Contribution}
 * @param simulation    the sum of the simulated contributions
 */
public record DjetComparison(DjetBinning binning, Histogram data, Map<Contribution, Histogram> contributions,
                             Histogram simulation) {

    /** Fills the histograms from a predictions table; rows with a {@code dataset_id} outside 0–6 count as simulation. */
    public static DjetComparison of(AdversarialPredictions p, DjetBinning binning) {
        Histogram data = binning.histogram();
        Map<Contribution, Histogram> mc = new EnumMap<>(Contribution.class);
        Histogram total = binning.histogram();
        for (Contribution c : Contribution.STACK) {
            mc.put(c, binning.histogram());
        }
        for (int i = 0; i < p.size(); i++) {
            if (p.y()[i] == 1) {
                data.fill(p.djet()[i], 1);
            } else {
                Contribution c = Contribution.of(p.datasetId()[i]);
                if (c != null && c != Contribution.DATA) {
                    mc.get(c).fill(p.djet()[i], p.weights()[i]);
                }
                total.fill(p.djet()[i], p.weights()[i]);
            }
        }
        return new DjetComparison(binning, data, Map.copyOf(mc), total);
    }

    /** χ² of data against the simulation total, both statistical errors. */
    public Agreement.Chi2 chi2() {
        return Agreement.chi2(data, simulation);
    }

    /** data/simulation in bin {@code b}, NaN where nothing is simulated. */
    public double ratio(int b) {
        double m = simulation.content(b);
        return m > 0 ? data.content(b) / m : Double.NaN;
    }

    /** Error of the ratio: relative errors of data and simulation added in quadrature (§5). */
    public double ratioError(int b) {
        double d = data.content(b), m = simulation.content(b);
        if (!(m > 0) || !(d > 0)) {
            return Double.NaN;
        }
        double r = d / m;
        double ed = data.error(b) / d, em = simulation.error(b) / m;
        return r * Math.sqrt(ed * ed + em * em);
    }
}
