package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static final List<InputSpec> INPUTS = SyntheticData.inputs();
    final List<String> log = new ArrayList<>();

    static TrainRequest request(TrainRequest.Mode mode, Path work, int epochs, int batches, double k2, Path start,
                                int checkpointEvery) {
        return request(mode, work, epochs, batches, k2, start, checkpointEvery, 0);
    }

    static TrainRequest request(TrainRequest.Mode mode, Path work, int epochs, int batches, double k2, Path start,
                                int checkpointEvery, int keepCheckpoints) {
        return new TrainRequest(mode, SyntheticData.tiny(), INPUTS, new OptimizerSettings("Nadam", 0.01, 1e-4),
                OptimizerSettings.adversary(0.01), Losses.TAU_LOSSES_SFS, 1, k2, false, epochs, batches, 4, 0, 0, 5,
                start, false, work, checkpointEvery, keepCheckpoints, 1, 1, Duration.ofSeconds(5));
    }

    static Trainer.Data defaultData() {
        return new Trainer.Data(new InMemoryBatchSource(INPUTS, SyntheticData.classification(40, 32, 1)),
                new InMemoryBatchSource(INPUTS, SyntheticData.classification(4, 64, 2)), null, null);
    }

    static Trainer.Data adversarialData(float shift) {
        return new Trainer.Data(new InMemoryBatchSource(INPUTS, SyntheticData.classification(40, 25, 1)),
                new InMemoryBatchSource(INPUTS, SyntheticData.classification(4, 25, 2)),
                new InMemoryBatchSource(INPUTS, SyntheticData.adversarial(40, 10, shift, 3)),
                new InMemoryBatchSource(INPUTS, SyntheticData.adversarial(4, 10, shift, 4)));
    }

    @Test
    void shortDefaultTrainingLowersTheLossAndExportsModelsThatPredictTheSame(@TempDir Path dir) throws Exception {
        TrainResult r = Trainer.train(request(TrainRequest.Mode.DEFAULT, dir.resolve("work"), 3, 40, 0, null, 0),
                defaultData(), log::add);
        assertThat(r.steps()).isEqualTo(120);
        assertThat(r.epochMetrics()).hasSize(3);
        double first = r.epochMetrics().get(0).get("val_loss");
        double last = r.epochMetrics().get(2).get("val_loss");
        assertThat(last).isLessThan(first);
        assertThat(last).isLessThan(0.8 * first);
        assertThat(r.epochMetrics().get(2).get("loss")).isLessThan(r.epochMetrics().get(0).get("loss"));
        assertThat(log).anyMatch(l -> l.contains("steps/s") && l.contains("left") && l.contains("loss"));

        Path model = dir.resolve("model");
        ModelExport.export(new ExportRequest(SyntheticData.tiny(), INPUTS, false, r.weights(), null,
                Map.of("mode", "default"), model, Map.of()));
        assertThat(model.resolve("saved_model/saved_model.pb")).exists();
        assertThat(model.resolve(ModelExport.FROZEN_GRAPH)).exists();
        assertThat(model.resolve("settings.json")).content().contains("input_inner_hadrons", "main_output");

        Batch b = SyntheticData.classification(1, 50, 9).get(0);
        float[][] inMemory;
        DeepTauNetwork net = new DeepTauNetwork(SyntheticData.tiny(), INPUTS, false);
        try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(), null,
                Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
            g.store().write(g.session(), Checkpoint.read(r.weights()).vars());
            inMemory = g.predict(b.x(), b.rows());
        }
        float[][] saved = ModelExport.predictSavedModel(model, INPUTS, b.x(), b.rows());
        float[][] frozen = ModelExport.predictFrozen(model.resolve(ModelExport.FROZEN_GRAPH), INPUTS, b.x(), b.rows());
        assertThat(saved[0]).containsExactly(inMemory[0]);
        assertThat(frozen[0]).containsExactly(inMemory[0]);
        assertThat(saved[1]).isNull();
    }

    @Test
    void keepsTheLastEpochEndsWhoseNewestIsTheFinalModel(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        TrainResult r = Trainer.train(request(TrainRequest.Mode.DEFAULT, work, 4, 5, 0, null, 0, 2), defaultData(),
                log::add);
        assertThat(r.epochCheckpoints()).containsOnlyKeys("epoch-3", "epoch-4");
        assertThat(r.epochCheckpoints().keySet()).containsExactly("epoch-3", "epoch-4");
        assertThat(work.resolve("epoch-1.ckpt")).doesNotExist();
        assertThat(work.resolve("epoch-2.ckpt")).doesNotExist();
        Map<String, float[]> last = Checkpoint.read(r.epochCheckpoints().get("epoch-4")).vars();
        Map<String, float[]> earlier = Checkpoint.read(r.epochCheckpoints().get("epoch-3")).vars();
        Map<String, float[]> fin = Checkpoint.read(r.weights()).vars();
        for (var e : fin.entrySet()) {
            assertThat(last.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
        assertThat(earlier.get("final_dense_last/kernel")).isNotEqualTo(fin.get("final_dense_last/kernel"));
    }

    @Test
    void aFinishedCheckpointOfOtherInputsIsNotResumed(@TempDir Path dir) throws Exception {
        TrainRequest req = request(TrainRequest.Mode.DEFAULT, dir.resolve("work"), 1, 10, 0, null, 0);
        Trainer.train(req, defaultData(), "datasets A", log::add);
        log.clear();
        TrainResult same = Trainer.train(req, defaultData(), "datasets A", log::add);
        assertThat(log).anyMatch(l -> l.startsWith("Resuming from ") && l.endsWith("at step 10"));
        assertThat(same.resumedFromStep()).isEqualTo(10);
        log.clear();
        TrainResult other = Trainer.train(req, defaultData(), "datasets B", log::add);
        assertThat(log).anyMatch(l -> l.contains("written with other settings or inputs; training afresh"));
        assertThat(other.resumedFromStep()).isZero();
        assertThat(other.steps()).isEqualTo(10);
    }

    @Test
    void killedRunResumesToTheWeightsOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        TrainResult full = Trainer.train(request(TrainRequest.Mode.DEFAULT, dir.resolve("a"), 2, 20, 0, null, 7),
                defaultData(), log::add);
        Map<String, float[]> expected = Checkpoint.read(full.weights()).vars();

        Path work = dir.resolve("b");
        Trainer.Data data = defaultData();
        Trainer.Data failing = new Trainer.Data(new FailingSource(data.train(), 30), data.validation(), null, null);
        assertThatThrownBy(() -> Trainer.train(request(TrainRequest.Mode.DEFAULT, work, 2, 20, 0, null, 7), failing,
                log::add)).isInstanceOf(TrainingException.class).hasMessageContaining("killed");
        assertThat(Checkpoint.read(work.resolve(Trainer.CHECKPOINT)).state().step()).isEqualTo(28);

        TrainResult resumed = Trainer.train(request(TrainRequest.Mode.DEFAULT, work, 2, 20, 0, null, 7),
                defaultData(), log::add);
        assertThat(resumed.resumedFromStep()).isEqualTo(28);
        assertThat(resumed.steps()).isEqualTo(40);
        Map<String, float[]> actual = Checkpoint.read(resumed.weights()).vars();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(Arrays.equals(actual.get(k), expected.get(k))).as(k).isTrue();
        }
        assertThat(resumed.epochMetrics()).hasSize(2);
    }

    @Test
    void nanLossNamesTheStepAndMetricAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        List<Batch> batches = new ArrayList<>(SyntheticData.classification(20, 32, 1));
        Batch bad = batches.get(12);
        float[][] x = bad.x().clone();
        x[0] = x[0].clone();
        x[0][3] = Float.NaN;
        batches.set(12, new Batch(bad.rows(), x, bad.y(), bad.weight(), null));
        Trainer.Data data = new Trainer.Data(new InMemoryBatchSource(INPUTS, batches),
                new InMemoryBatchSource(INPUTS, SyntheticData.classification(2, 32, 2)), null, null);
        Path work = dir.resolve("w");
        assertThatThrownBy(() -> Trainer.train(request(TrainRequest.Mode.DEFAULT, work, 1, 20, 0, null, 5), data,
                log::add)).isInstanceOf(TrainingException.class).hasMessageContaining("step 13: loss is NaN")
                .hasMessageContaining("last good checkpoint is kept");
        Checkpoint.Loaded ckpt = Checkpoint.read(work.resolve(Trainer.CHECKPOINT));
        assertThat(ckpt.state().step()).isEqualTo(10);
        assertThat(ckpt.vars().values()).allMatch(a -> {
            for (float f : a) {
                if (!Float.isFinite(f)) {
                    return false;
                }
            }
            return true;
        });
        assertThat(work.resolve(Trainer.FINAL)).doesNotExist();
    }

    @Test
    void badInputsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        List<InputSpec> other = new ArrayList<>(INPUTS);
        other.set(0, new InputSpec("input_tau", new int[]{9}));
        Trainer.Data mismatched = new Trainer.Data(new InMemoryBatchSource(other, List.of(new Batch(1,
                new float[][]{new float[9], new float[150], new float[100], new float[75], new float[294],
                        new float[196], new float[147]}, new float[4], new float[1], null))),
                defaultData().validation(), null, null);
        Path work = dir.resolve("w");
        assertThatThrownBy(() -> Trainer.train(request(TrainRequest.Mode.DEFAULT, work, 1, 5, 0, null, 0),
                mismatched, log::add)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<trainDataset>").hasMessageContaining("input_tau[9]");
        assertThatThrownBy(() -> Trainer.train(request(TrainRequest.Mode.ADVERSARIAL, work, 1, 5, 10,
                dir.resolve("no-such-model"), 0), adversarialData(1f), log::add))
                .isInstanceOf(ConfigException.class).hasMessageContaining("<startingModel>")
                .hasMessageContaining("does not exist");
        assertThat(work).doesNotExist();
    }

    /** A source whose input fails at batch {@code failAt}, like a killed build. */
    static final class FailingSource implements BatchSource {
        final BatchSource inner;
        final long failAt;
        long served;

        FailingSource(BatchSource inner, long failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public List<InputSpec> inputs() {
            return inner.inputs();
        }

        @Override
        public Batch next() throws IOException {
            if (served++ == failAt) {
                throw new IOException("killed");
            }
            return inner.next();
        }

        @Override
        public void rewind() throws IOException {
            inner.rewind();
            served = 0;
        }
    }
}
