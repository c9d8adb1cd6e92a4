package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvTest {
    @TempDir
    Path dir;

    @Test
    void adversarialPredictionsRoundTripExactlyAndByteForByte() throws Exception {
        AdversarialPredictions p = Synthetic.mix(5, 20, 20, 18, 0.5f, true);
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        p.write(a);
        AdversarialPredictions q = AdversarialPredictions.read(a);
        assertThat(q.djet()).containsExactly(p.djet());
        assertThat(q.y()).containsExactly(p.y());
        assertThat(q.weights()).containsExactly(p.weights());
        assertThat(q.yPredAdv()).containsExactly(p.yPredAdv());
        assertThat(q.datasetId()).containsExactly(p.datasetId());
        assertThat(q.tauPt()).containsExactly(p.tauPt());
        assertThat(q.tauEta()).containsExactly(p.tauEta());
        assertThat(q.tauDecayMode()).containsExactly(p.tauDecayMode());
        assertThat(q.toyTruthTauType()).containsExactly(p.toyTruthTauType());
        q.write(b);
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(Files.readAllLines(a).get(0))
                .isEqualTo("Djet,y,weights,y_pred_adv,dataset_id,tau_pt,tau_eta,tau_decayMode,toy_truth_tauType");
    }

    @Test
    void aModelWithoutTheHeadHasNoYPredAdvColumn() throws Exception {
        AdversarialPredictions p = Synthetic.mix(5, 2, 20, 20, 1f, false);
        AdversarialPredictions noTruth = new AdversarialPredictions(p.djet(), p.y(), p.weights(), null, p.datasetId(),
                p.tauPt(), p.tauEta(), p.tauDecayMode(), null);
        Path f = dir.resolve("default.csv");
        noTruth.write(f);
        assertThat(Files.readAllLines(f).get(0)).isEqualTo("Djet,y,weights,dataset_id,tau_pt,tau_eta,tau_decayMode");
        AdversarialPredictions q = AdversarialPredictions.read(f);
        assertThat(q.hasAdversarialHead()).isFalse();
        assertThat(q.hasToyTruth()).isFalse();
    }

    @Test
    void readsTauMLToolsPandasCsvWithItsIndexColumn() throws Exception {
        Path f = dir.resolve("adversarial_predictions.csv");
        Files.writeString(f, ",Djet,y,weights,y_pred_adv,dataset_id,tau_pt,tau_eta,tau_decayMode\n"
                + "0,0.9912,1.0,1.0,0.4954,0,35.2,-1.1,1\n1,0.95,0.0,0.8,0.49,1,40.0,0.3,10\n");
        AdversarialPredictions q = AdversarialPredictions.read(f);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.y()).containsExactly(1, 0);
        assertThat(q.djet()).containsExactly(0.9912f, 0.95f);
    }

    @Test
    void missingColumnsAreNamedWithTheFix() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "Djet,y,weights\n0.9,1,1\n");
        assertThatThrownBy(() -> AdversarialPredictions.read(f)).isInstanceOf(EvaluateException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("lacks columns dataset_id, tau_pt, tau_eta, tau_decayMode")
                .hasMessageContaining("Fix:");
    }

    @Test
    void aBadNumberIsReportedWithLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "Djet,y,weights,dataset_id,tau_pt,tau_eta,tau_decayMode\n"
                + "0.9,1,1,0,30,0,0\n0.95,0,abc,1,30,0,0\n");
        assertThatThrownBy(() -> AdversarialPredictions.read(f)).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("line 3, column weights: 'abc' is not a number");
        Files.writeString(f, "Djet,y,weights,dataset_id,tau_pt,tau_eta,tau_decayMode\n0.9,2,1,0,30,0,0\n");
        assertThatThrownBy(() -> AdversarialPredictions.read(f)).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("line 2, column y: 2 is neither 1 (data) nor 0 (simulation)");
        assertThatThrownBy(() -> AdversarialPredictions.read(dir.resolve("none.csv")))
                .isInstanceOf(EvaluateException.class).hasMessageContaining("does not exist");
    }

    @Test
    void classPredictionsRoundTrip() throws Exception {
        ClassPredictions c = Synthetic.classes(3, 500, 1.5);
        Path f = dir.resolve("class.csv");
        c.write(f);
        assertThat(Files.readAllLines(f).get(0)).isEqualTo("p_e,p_mu,p_tau,p_jet,y_class,weight");
        ClassPredictions q = ClassPredictions.read(f);
        assertThat(q.probabilities()).containsExactly(c.probabilities());
        assertThat(q.yClass()).containsExactly(c.yClass());
        assertThat(q.weight()).containsExactly(c.weight());
    }

    /** Collecting batches from a predictor gives D_jet = p_τ/(p_τ+p_jet), the label as y and the columns in order. */
    @Test
    void collectorsKeepOrderAndComputeDjet() {
        Predictor constant = new Predictor() {
            @Override
            public List<String> inputNames() {
                return List.of("input_tau");
            }

            @Override
            public boolean hasAdversarialHead() {
                return true;
            }

            @Override
            public Output predict(Batch batch) {
                float[] x = batch.inputs().get(0);
                float[] p = new float[4 * batch.size()];
                float[] a = new float[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    p[4 * i + 2] = x[i];          // p_tau
                    p[4 * i + 3] = 1 - x[i];      // p_jet
                    a[i] = x[i] / 2;
                }
                return new Output(p, a);
            }
        };
        Predictions.AdversarialCollector c = new Predictions.AdversarialCollector(true);
        for (int b = 0; b < 3; b++) {
            float[] x = {0.1f * b, 0.9f};
            c.add(constant, new Predictions.AdversarialBatch(new Predictor.Batch(2, List.of(x)), new float[] {1, 0},
                    new float[] {1, 0.5f}, new long[] {0, 5}, new float[] {30, 40}, new float[] {0, 1},
                    new long[] {0, 10}, null));
        }
        AdversarialPredictions p = c.build();
        assertThat(p.size()).isEqualTo(6);
        assertThat(p.djet()).containsExactly(0f, 0.9f, 0.1f, 0.9f, 0.2f, 0.9f);
        assertThat(p.y()).containsExactly(1, 0, 1, 0, 1, 0);
        assertThat(p.datasetId()).containsExactly(0, 5, 0, 5, 0, 5);
        assertThat(p.yPredAdv()).containsExactly(0f, 0.45f, 0.05f, 0.45f, 0.1f, 0.45f);
        assertThat(p.hasToyTruth()).isFalse();

        Predictions.ClassCollector k = new Predictions.ClassCollector();
        k.add(constant, new Predictions.ClassBatch(new Predictor.Batch(2, List.of(new float[] {0.7f, 0.2f})),
                new float[] {0, 0, 1, 0, 0, 0, 0, 1}, new float[] {1, 2}));
        ClassPredictions cp = k.build();
        assertThat(cp.yClass()).containsExactly(2, 3);
        assertThat(cp.discriminator(Discriminators.JET)).containsExactly(0.7f, 0.2f);
    }
}
