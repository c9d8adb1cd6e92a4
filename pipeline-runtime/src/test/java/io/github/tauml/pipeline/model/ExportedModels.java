package io.github.tauml.pipeline.model;

import java.nio.file.Path;
import java.util.List;

/** Real exported model directories for tests outside this package: a tiny network trained on synthetic batches. */
public final class ExportedModels {
    private ExportedModels() {
    }

    /** Trains the tiny default model for 15 steps (seed 3) and exports it to {@code dir/model/default}. */
    public static Path tinyDefault(Path dir) throws Exception {
        Path cls = TrainStageTest.dataset(dir.resolve("dataset/classification"), "classification", 0);
        BatchSourceFactory factory = (dataset, split, batchSize, shuffle, seed) -> new InMemoryBatchSource(
                TrainStageTest.INPUTS, SyntheticData.classification(5, batchSize, split.equals("train") ? 1 : 2));
        return TrainStage.run(new TrainStageRequest(TrainStageTest.training(TrainRequest.Mode.DEFAULT,
                dir.resolve("work/default"), null), 25, cls, null, dir.resolve("model/default"), null,
                "adversarial", "default", dir), factory, line -> { }).modelDirectory();
    }

    /** The inputs of the tiny model, in order. */
    public static List<InputSpec> inputs() {
        return SyntheticData.inputs();
    }

    /** One batch of synthetic inputs, {@code [input][rows × size]}. */
    public static float[][] batch(int rows, long seed) {
        return SyntheticData.classification(1, rows, seed).get(0).x();
    }
}
