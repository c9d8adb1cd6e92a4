package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of the adversarial training step (forward, two gradients, Δ_common, two Nadam updates, BatchNorm
 * updates) on 250 main + 100 control-region rows of the v2p5 input shapes, for a preset; and the rate of the step
 * assembly the prefetcher does. Run: {@code java -cp ... io.github.tauml.pipeline.model.TrainBenchmark <preset>
 * <intraOpThreads> <steps> [toy]}. Prints one line per measurement; see BENCHMARKS.md.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "small";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        boolean toy = args.length > 3 && args[3].equals("toy");
        // "toy": the shapes of the example analysis's small-preset dataset; otherwise v2p5's
        List<InputSpec> inputs = toy ? List.of(new InputSpec("input_tau", new int[]{35}),
                new InputSpec("input_inner_egamma", new int[]{7, 7, 23}),
                new InputSpec("input_inner_muon", new int[]{7, 7, 21}),
                new InputSpec("input_inner_hadrons", new int[]{7, 7, 21}),
                new InputSpec("input_outer_egamma", new int[]{11, 11, 23}),
                new InputSpec("input_outer_muon", new int[]{11, 11, 21}),
                new InputSpec("input_outer_hadrons", new int[]{11, 11, 21}))
                : List.of(new InputSpec("input_tau", new int[]{43}),
                new InputSpec("input_inner_egamma", new int[]{11, 11, 86}),
                new InputSpec("input_inner_muon", new int[]{11, 11, 64}),
                new InputSpec("input_inner_hadrons", new int[]{11, 11, 38}),
                new InputSpec("input_outer_egamma", new int[]{21, 21, 86}),
                new InputSpec("input_outer_muon", new int[]{21, 21, 64}),
                new InputSpec("input_outer_hadrons", new int[]{21, 21, 38}));
        SplittableRandom r = new SplittableRandom(1);
        List<Batch> main = new ArrayList<>();
        List<Batch> adv = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            main.add(batch(inputs, 250, r, false));
            adv.add(batch(inputs, 100, r, true));
        }
        long t0 = System.nanoTime();
        int assembled = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) {
            StepBatch.mixed(main.get(assembled % 4), adv.get(assembled % 4), inputs);
            assembled++;
        }
        double assemblyRate = assembled / ((System.nanoTime() - t0) / 1e9);
        DeepTauNetwork net = new DeepTauNetwork(NetworkSettings.preset(preset), inputs, true);
        long tb = System.nanoTime();
        try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(),
                OptimizerSettings.adversary(0.01), Losses.scaleFactors(Losses.TAU_LOSSES_SFS), threads, threads)) {
            g.initialize(1);
            double build = (System.nanoTime() - tb) / 1e9;
            int warm = Math.max(3, steps / 10);
            for (int s = 0; s < warm; s++) {
                g.trainStep(StepBatch.mixed(main.get(s % 4), adv.get(s % 4), inputs),
                        new TrainingGraph.StepParams(1, s, 1, 10, 0.001f, 0.01f));
            }
            long ts = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                g.trainStep(StepBatch.mixed(main.get(s % 4), adv.get(s % 4), inputs),
                        new TrainingGraph.StepParams(1, warm + s, 1, 10, 0.001f, 0.01f));
            }
            double sec = (System.nanoTime() - ts) / 1e9;
            long params = g.store().trainable().stream().mapToLong(VariableStore.Var::size).sum();
            System.out.printf(Locale.ROOT, "java preset=%s threads=%d params=%d build+init=%.1fs steps=%d "
                            + "ms/step=%.1f taus/s=%.0f assembly=%.0f steps/s peakRSS=%s%n", preset, threads, params,
                    build, steps, 1000 * sec / steps, steps * 350 / sec, assemblyRate, peakRss());
        }
    }

    private static Batch batch(List<InputSpec> inputs, int rows, SplittableRandom r, boolean adversarial) {
        float[][] x = new float[inputs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[rows * inputs.get(i).rowSize()];
            for (int j = 0; j < x[i].length; j++) {
                // grids are mostly empty cells, as after densifying
                x[i][j] = i == 0 || r.nextInt(8) == 0 ? (float) r.nextGaussian() : 0f;
            }
        }
        float[] w = new float[rows];
        java.util.Arrays.fill(w, 1f);
        if (adversarial) {
            float[] label = new float[rows];
            for (int i = 0; i < rows; i += 2) {
                label[i] = 1;
            }
            return new Batch(rows, x, null, w, label);
        }
        float[] y = new float[rows * 4];
        for (int i = 0; i < rows; i++) {
            y[i * 4 + r.nextInt(4)] = 1;
        }
        return new Batch(rows, x, y, w, null);
    }

    private static String peakRss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim().replaceAll("\\s+", "");
                }
            }
        } catch (java.io.IOException e) {
            return "?";
        }
        return "?";
    }
}
