package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingGraphTest {
    static final List<InputSpec> INPUTS = SyntheticData.inputs();

    static StepBatch mixedBatch() {
        Batch main = SyntheticData.classification(1, 25, 1).get(0);
        Batch adv = SyntheticData.adversarial(1, 10, 1f, 2).get(0);
        return StepBatch.mixed(main, adv, INPUTS);
    }

    /** One Keras-Nadam step from fresh state, in double precision (reference §3.5). */
    static double nadamStep(double w, double g, double lr, double decay) {
        double b1 = 0.9;
        double b2 = 0.999;
        double t = 1;
        double ut = b1 * (1 - 0.5 * Math.pow(0.96, decay * t));
        double ut1 = b1 * (1 - 0.5 * Math.pow(0.96, decay * (t + 1)));
        double mSchedNew = 1.0 * ut;
        double mSchedNext = mSchedNew * ut1;
        double m = (1 - b1) * g;
        double v = (1 - b2) * g * g;
        double gPrime = g / (1 - mSchedNew);
        double mPrime = m / (1 - mSchedNext);
        double vPrime = v / (1 - Math.pow(b2, t));
        double mBar = (1 - ut) * gPrime + ut1 * mPrime;
        return w - lr * mBar / (Math.sqrt(vPrime) + 1e-7);
    }

    static double adamStep(double w, double g, double lr) {
        double m = 0.1 * g;
        double v = 0.001 * g * g;
        double lrT = lr * Math.sqrt(1 - 0.999) / (1 - 0.9);
        return w - lrT * m / (Math.sqrt(v) + 1e-7);
    }

    /** Whether {@code name} is the bias of a dense or conv layer followed by BatchNorm ({@code <b>_norm_<k>}). */
    private static boolean feedsBatchNorm(String name, Map<String, float[]> vars) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)_(dense|conv)_(\\d+)/bias").matcher(name);
        return m.matches() && vars.containsKey(m.group(1) + "_norm_" + m.group(3) + "/moving_mean");
    }

    @Test
    void adversarialStepCombinesGradientsAndAppliesOneNadamStepPerGroup() {
        DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, true);
        OptimizerSettings main = new OptimizerSettings("Nadam", 0.001, 1e-4);
        OptimizerSettings adv = OptimizerSettings.adversary(0.01);
        try (TrainingGraph g = new TrainingGraph(net, main, adv, Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
            g.initialize(7);
            Map<String, float[]> before = g.store().read(g.session());
            float k1 = 1f;
            float k2 = 10f;
            Map<String, List<float[]>> grads = g.trainStepWithGradients(mixedBatch(),
                    new TrainingGraph.StepParams(7, 0, k1, k2, 0.001f, 0.01f));
            Map<String, float[]> after = g.store().read(g.session());
            List<VariableStore.Var> common = g.commonVariables();
            List<VariableStore.Var> cls = g.classVariables();
            List<VariableStore.Var> advVars = g.adversarialVariables();
            List<float[]> gc = grads.get("grad_class");
            List<float[]> ga = grads.get("grad_adv");
            List<float[]> delta = grads.get("delta_common");
            assertThat(gc).hasSize(common.size() + cls.size());
            assertThat(ga).hasSize(common.size() + advVars.size());
            int nonZeroAdv = 0;
            for (int i = 0; i < common.size(); i++) {
                String name = common.get(i).name();
                for (int j = 0; j < delta.get(i).length; j++) {
                    double expected = k1 * gc.get(i)[j] - k2 * ga.get(i)[j];
                    if (feedsBatchNorm(name, before)) {
                        // BatchNorm removes a bias's effect, so its gradient is 0 up to float32 rounding of the sum
                        // over the batch, which one fused backward pass and two separate ones round differently
                        assertThat(Math.abs((double) delta.get(i)[j])).as(name).isLessThan(1e-4);
                    } else {
                        double scale = Math.abs(k1 * gc.get(i)[j]) + Math.abs(k2 * ga.get(i)[j]);
                        assertThat((double) delta.get(i)[j]).as(name).isCloseTo(expected,
                                within(1e-6 + 1e-4 * scale));
                    }
                    if (ga.get(i)[j] != 0) {
                        nonZeroAdv++;
                    }
                    double w1 = nadamStep(before.get(name)[j], delta.get(i)[j], 0.001, 1e-4);
                    assertThat((double) after.get(name)[j]).as(name + "[" + j + "]").isCloseTo(w1, within(2e-6));
                }
            }
            assertThat(nonZeroAdv).as("the adversary's loss reaches the common layers").isPositive();
            for (int i = 0; i < cls.size(); i++) {
                String name = cls.get(i).name();
                float[] grad = gc.get(common.size() + i);
                for (int j = 0; j < grad.length; j++) {
                    double w1 = nadamStep(before.get(name)[j], grad[j], 0.001, 1e-4);
                    assertThat((double) after.get(name)[j]).as(name).isCloseTo(w1, within(2e-6));
                }
            }
            for (int i = 0; i < advVars.size(); i++) {
                String name = advVars.get(i).name();
                float[] grad = ga.get(common.size() + i);
                for (int j = 0; j < grad.length; j++) {
                    double w1 = nadamStep(before.get(name)[j], grad[j], 0.01, 0.004);
                    assertThat((double) after.get(name)[j]).as(name).isCloseTo(w1, within(2e-5));
                }
            }
            assertThat(after.get("opt/iterations")[0]).isEqualTo(1f);
            assertThat(after.get("adv_opt/iterations")[0]).isEqualTo(1f);
            // BatchNorm moving statistics moved from their initial values, from the mixed batch
            assertThat(after.get("tau_norm_1/moving_mean")).isNotEqualTo(before.get("tau_norm_1/moving_mean"));
        }
    }

    @Test
    void defaultStepWithAdamMatchesHandComputedValues() {
        DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, false);
        try (TrainingGraph g = new TrainingGraph(net, new OptimizerSettings("Adam", 0.002, 0), null,
                Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
            g.initialize(3);
            Map<String, float[]> before = g.store().read(g.session());
            StepBatch b = StepBatch.classification(SyntheticData.classification(1, 32, 5).get(0));
            Map<String, List<float[]>> grads = g.trainStepWithGradients(b,
                    new TrainingGraph.StepParams(3, 0, 1, 0, 0.002f, 0));
            Map<String, float[]> after = g.store().read(g.session());
            List<VariableStore.Var> vars = new java.util.ArrayList<>(g.commonVariables());
            vars.addAll(g.classVariables());
            assertThat(g.adversarialVariables()).isEmpty();
            for (int i = 0; i < vars.size(); i++) {
                String name = vars.get(i).name();
                float[] grad = grads.get("grad_class").get(i);
                for (int j = 0; j < grad.length; j++) {
                    double w1 = adamStep(before.get(name)[j], grad[j], 0.002);
                    assertThat((double) after.get(name)[j]).as(name).isCloseTo(w1, within(2e-6));
                }
            }
        }
    }

    @Test
    void sameSeedGivesBitwiseIdenticalWeights() {
        Map<String, float[]> a = trainFewSteps(11);
        Map<String, float[]> b = trainFewSteps(11);
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(java.util.Arrays.equals(a.get(k), b.get(k))).as(k).isTrue();
        }
        Map<String, float[]> c = trainFewSteps(12);
        assertThat(java.util.Arrays.equals(a.get("final_dense_last/kernel"), c.get("final_dense_last/kernel")))
                .isFalse();
    }

    private static Map<String, float[]> trainFewSteps(long seed) {
        DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, true);
        try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(),
                OptimizerSettings.adversary(0.01), Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 2, 2)) {
            g.initialize(seed);
            List<Batch> main = SyntheticData.classification(5, 25, 1);
            List<Batch> adv = SyntheticData.adversarial(5, 10, 1f, 2);
            for (int s = 0; s < 5; s++) {
                g.trainStep(StepBatch.mixed(main.get(s), adv.get(s), INPUTS),
                        new TrainingGraph.StepParams(seed, s, 1, 10, 0.001f, 0.01f));
            }
            return g.store().read(g.session());
        }
    }
}
