package io.github.tauml.pipeline.toy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.tree.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The point of the toy: a τ-vs-jet classifier trained on simulation sees data and simulation differ in
 * D_jet ∈ [0.9, 1] with the default mismodelling, and not without it. The classifier is a small MLP trained here
 * on the toy training sample; the window is the reference one (40 bins of 0.0025) after the reference cuts.
 */
class DjetVisibilityTest {
    private static final String[] FEATURES = {"tau_pt", "tau_eta", "tau_mass", "tau_chargedIsoPtSum",
            "tau_neutralIsoPtSum", "tau_neutralIsoPtSumWeight", "tau_footprintCorrection",
            "tau_photonPtSumOutsideSignalCone", "tau_puCorrPtSum", "tau_dxy_sig", "tau_ip3d_sig",
            "tau_flightLength_sig", "tau_emFraction", "tau_pt_weighted_deta_strip", "tau_pt_weighted_dphi_strip",
            "tau_pt_weighted_dr_signal", "tau_pt_weighted_dr_iso", "tau_leadingTrackNormChi2", "tau_e_ratio",
            "tau_gj_angle_diff", "tau_n_photons", "tau_decayMode", "rho"};
    private static final int CONTROL_REGION = 400_000;
    private static Mlp classifier;

    @BeforeAll
    static void trainOnSimulation() {
        CandidateGenerator g = new CandidateGenerator(ToySample.TRAINING, Mismodelling.none(), false, 5, 200_000);
        List<CandidateGenerator.Truth> truth = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            truth.add(g.generate(i));
        }
        Map<String, Column> c = g.build();
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            CandidateKind k = truth.get(i).kind();
            if (k == CandidateKind.TAU || k == CandidateKind.JET) {
                x.add(features(c, i));
                y.add(k == CandidateKind.TAU ? 1 : 0);
            }
        }
        classifier = Mlp.train(x, y, 24, 4, new Random(1));
    }

    @Test
    void defaultMismodellingIsVisibleInTheTopDjetWindow() {
        double[] chi2AndTopRatio = compare(Mismodelling.defaults());
        assertThat(chi2AndTopRatio[0]).as("χ²/ndf, data vs simulation, D_jet in [0.9, 1]").isGreaterThan(3);
        assertThat(chi2AndTopRatio[1]).as("top-bin data/simulation").isLessThan(0.97);
    }

    @Test
    void withoutMismodellingDataAndSimulationAgreeWithinStatistics() {
        assertThat(compare(Mismodelling.none())[0]).as("χ²/ndf at the statistical floor").isLessThan(1.8);
    }

    /** χ²/ndf of the data and simulation D_jet shapes in the window, and the top-bin ratio. */
    private static double[] compare(Mismodelling mismodelling) {
        double[] data = new double[40];
        double[] sim = new double[40];
        double[] simW2 = new double[40];
        fill(new CandidateGenerator(ToySample.DATA, mismodelling, false, 77, CONTROL_REGION), data, null);
        // Simulation of the same mixture: the data generator without mismodelling, on another random stream.
        fill(new CandidateGenerator(ToySample.DATA, Mismodelling.none(), false, 78, CONTROL_REGION), sim, simW2);
        double nd = Arrays.stream(data).sum();
        double ns = Arrays.stream(sim).sum();
        double scale = nd / ns;
        double chi2 = 0;
        int ndf = 0;
        for (int b = 0; b < 40; b++) {
            double variance = data[b] + simW2[b] * scale * scale;
            if (variance > 0) {
                chi2 += Math.pow(data[b] - sim[b] * scale, 2) / variance;
                ndf++;
            }
        }
        double[] result = {chi2 / (ndf - 1), data[39] / (sim[39] * scale)};
        System.out.printf("D_jet in [0.9, 1], %s: %.0f data, %.0f simulation; chi2/ndf %.2f, top bin %.3f%n",
                mismodelling, nd, ns, result[0], result[1]);
        return result;
    }

    private static void fill(CandidateGenerator g, double[] h, double[] h2) {
        for (int i = 0; i < CONTROL_REGION; i++) {
            g.generate(i);
        }
        Map<String, Column> c = g.build();
        for (int i = 0; i < CONTROL_REGION; i++) {
            if (!ToyNtuplesTest.passesReferenceSelection(c, i)) {
                continue;
            }
            double djet = classifier.probability(features(c, i));
            if (djet >= 0.9 && djet < 1.0) {
                int b = Math.min(39, (int) ((djet - 0.9) / 0.0025));
                h[b]++;
                if (h2 != null) {
                    h2[b]++;
                }
            }
        }
    }

    private static double[] features(Map<String, Column> c, int i) {
        double[] x = new double[FEATURES.length];
        for (int k = 0; k < FEATURES.length; k++) {
            double v = c.get(FEATURES[k]).getDouble(i);
            v = v < -900 ? -1 : v;
            boolean positiveSum = FEATURES[k].contains("Sum") || FEATURES[k].contains("Correction")
                    || FEATURES[k].endsWith("_sig") || FEATURES[k].equals("tau_pt");
            x[k] = positiveSum ? Math.log1p(Math.max(v, 0)) : v;
        }
        return x;
    }

    /** One hidden layer of leaky-ReLU units and a sigmoid output, trained by plain SGD on standardised inputs. */
    private record Mlp(double[] mean, double[] sd, double[][] w1, double[] w2) {
        static Mlp train(List<double[]> x, List<Integer> y, int hidden, int epochs, Random r) {
            int d = x.get(0).length;
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (double[] v : x) {
                for (int k = 0; k < d; k++) {
                    mean[k] += v[k] / x.size();
                }
            }
            for (double[] v : x) {
                for (int k = 0; k < d; k++) {
                    sd[k] += Math.pow(v[k] - mean[k], 2) / x.size();
                }
            }
            for (int k = 0; k < d; k++) {
                sd[k] = Math.max(Math.sqrt(sd[k]), 1e-9);
            }
            double[][] w1 = new double[hidden][d + 1];
            double[] w2 = new double[hidden + 1];
            for (double[] w : w1) {
                for (int k = 0; k < d; k++) {
                    w[k] = r.nextGaussian() * Math.sqrt(2.0 / d);
                }
            }
            for (int h = 0; h <= hidden; h++) {
                w2[h] = r.nextGaussian() * 0.1;
            }
            Mlp m = new Mlp(mean, sd, w1, w2);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                order.add(i);
            }
            double lr = 0.02;
            double[] hid = new double[hidden];
            for (int epoch = 0; epoch < epochs; epoch++, lr *= 0.6) {
                Collections.shuffle(order, r);
                for (int i : order) {
                    double[] z = m.standardise(x.get(i));
                    double p = m.forward(z, hid);
                    double g = p - y.get(i);
                    for (int h = 0; h < hidden; h++) {
                        double gh = g * w2[h] * (hid[h] > 0 ? 1 : 0.01);
                        for (int k = 0; k < d; k++) {
                            w1[h][k] -= lr * gh * z[k];
                        }
                        w1[h][d] -= lr * gh;
                        w2[h] -= lr * g * hid[h];
                    }
                    w2[hidden] -= lr * g;
                }
            }
            return m;
        }

        double[] standardise(double[] x) {
            double[] z = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                z[k] = (x[k] - mean[k]) / sd[k];
            }
            return z;
        }

        double forward(double[] z, double[] hid) {
            double o = w2[w2.length - 1];
            for (int h = 0; h < w1.length; h++) {
                double s = w1[h][z.length];
                for (int k = 0; k < z.length; k++) {
                    s += w1[h][k] * z[k];
                }
                hid[h] = s > 0 ? s : 0.01 * s;
                o += w2[h] * hid[h];
            }
            return 1 / (1 + Math.exp(-o));
        }

        double probability(double[] x) {
            return forward(standardise(x), new double[w1.length]);
        }
    }
}
