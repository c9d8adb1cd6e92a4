package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On synthetic data whose "data" rows carry a domain shift in a feature that says nothing about the class, the
 * adversarial fine-tuning (k2 = 10) leaves the co-trained adversary less able to tell data from simulation than the
 * same fine-tuning with k2 = 0, and keeps the τ-vs-jet separation.
 */
class AdversarialFineTuningTest {
    static final List<InputSpec> INPUTS = SyntheticData.inputs();

    static TrainRequest request(TrainRequest.Mode mode, Path work, int epochs, int batches, double k2, Path start) {
        // the default training at lr 0.01 so that the tiny network learns in a few hundred steps; the fine-tuning
        // with the reference's main lr 0.001 and adversary lr 0.01
        OptimizerSettings main = new OptimizerSettings("Nadam", mode == TrainRequest.Mode.DEFAULT ? 0.01 : 0.001, 1e-4);
        return new TrainRequest(mode, SyntheticData.tiny(), INPUTS, main,
                OptimizerSettings.adversary(0.01), Losses.TAU_LOSSES_SFS, 1, k2, false, epochs, batches, 2, 0, 0, 21,
                start, false, work, 0, 0, 1, 1, Duration.ofMinutes(5));
    }

    @Test
    void fineTuningReducesTheAdversarysSeparabilityAgainstAK2ZeroControl(@TempDir Path dir) throws Exception {
        float shift = 1.5f;
        Trainer.Data defaultData = new Trainer.Data(
                new InMemoryBatchSource(INPUTS, SyntheticData.classification(60, 32, 1)),
                new InMemoryBatchSource(INPUTS, SyntheticData.classification(2, 64, 2)), null, null);
        TrainResult base = Trainer.train(request(TrainRequest.Mode.DEFAULT, dir.resolve("default"), 2, 150, 0, null),
                defaultData, s -> { });
        double[] k2s = {10, 0};
        double[] advAuc = new double[2];
        double[] tauJetAuc = new double[2];
        for (int i = 0; i < 2; i++) {
            Trainer.Data data = new Trainer.Data(
                    new InMemoryBatchSource(INPUTS, SyntheticData.classification(60, 25, 1)),
                    new InMemoryBatchSource(INPUTS, SyntheticData.classification(2, 25, 2)),
                    new InMemoryBatchSource(INPUTS, SyntheticData.adversarial(60, 40, shift, 3)),
                    new InMemoryBatchSource(INPUTS, SyntheticData.adversarial(2, 40, shift, 4)));
            TrainResult r = Trainer.train(request(TrainRequest.Mode.ADVERSARIAL, dir.resolve("adv" + i), 2, 150,
                    k2s[i], base.weights()), data, s -> { });
            assertThat(r.epochMetrics().get(1)).containsKeys("adv_loss", "adv_accuracy", "mean_grad_class",
                    "mean_grad_adv", "val_adv_loss");
            DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, true);
            try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(),
                    OptimizerSettings.adversary(0.01), Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
                g.store().write(g.session(), Checkpoint.read(r.weights()).vars());
                Batch held = SyntheticData.adversarial(1, 2000, shift, 77).get(0);
                float[][] p = g.predict(held.x(), held.rows());
                advAuc[i] = auc(p[1], held.label(), null);
                Batch cls = SyntheticData.classification(1, 2000, 78).get(0);
                float[][] q = g.predict(cls.x(), cls.rows());
                tauJetAuc[i] = tauVsJetAuc(q[0], cls.y());
            }
        }
        double baseTauJet;
        DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, false);
        try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(), null,
                Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
            g.store().write(g.session(), Checkpoint.read(base.weights()).vars());
            Batch cls = SyntheticData.classification(1, 2000, 78).get(0);
            baseTauJet = tauVsJetAuc(g.predict(cls.x(), cls.rows())[0], cls.y());
        }
        System.out.printf("adversary AUC: k2=10 %.4f, k2=0 %.4f; tau-vs-jet AUC default %.4f, k2=10 %.4f, k2=0 %.4f%n",
                advAuc[0], advAuc[1], baseTauJet, tauJetAuc[0], tauJetAuc[1]);
        assertThat(advAuc[1]).as("the k2 = 0 adversary sees the domain shift").isGreaterThan(0.6);
        assertThat(Math.abs(advAuc[0] - 0.5)).as("fine-tuning hides the shift from the adversary")
                .isLessThan(Math.abs(advAuc[1] - 0.5) - 0.05);
        assertThat(baseTauJet).as("the default model separates τ from jets").isGreaterThan(0.9);
        assertThat(tauJetAuc[0]).as("τ-vs-jet separation is kept").isGreaterThan(baseTauJet - 0.02);
    }

    /** Mann–Whitney AUC of score for label 1 vs label 0. */
    static double auc(float[] score, float[] label, float[] unused) {
        List<float[]> pos = new ArrayList<>();
        int n1 = 0;
        int n0 = 0;
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(score[a], score[b]));
        double rankSum = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (label[idx[k]] > 0.5f) {
                    rankSum += rank;
                    n1++;
                } else {
                    n0++;
                }
            }
            i = j + 1;
        }
        return (rankSum - n1 * (n1 + 1) / 2.0) / ((double) n1 * n0);
    }

    /** AUC of D_jet = p_τ/(p_τ+p_jet) for true τ against true jets. */
    static double tauVsJetAuc(float[] probs, float[] y) {
        List<Float> s = new ArrayList<>();
        List<Float> l = new ArrayList<>();
        for (int r = 0; r < y.length / 4; r++) {
            boolean tau = y[r * 4 + 2] == 1;
            boolean jet = y[r * 4 + 3] == 1;
            if (tau || jet) {
                float pt = probs[r * 4 + 2];
                float pj = probs[r * 4 + 3];
                s.add(pt / (pt + pj));
                l.add(tau ? 1f : 0f);
            }
        }
        float[] sa = new float[s.size()];
        float[] la = new float[s.size()];
        for (int i = 0; i < sa.length; i++) {
            sa[i] = s.get(i);
            la[i] = l.get(i);
        }
        return auc(sa, la, null);
    }
}
