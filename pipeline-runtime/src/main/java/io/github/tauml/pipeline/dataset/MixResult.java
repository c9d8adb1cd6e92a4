package io.github.tauml.pipeline.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a mix wrote: the two outputs with their batch and entry counts, the entries taken per contribution, the
 * branches written, notes (input branches left out because not every contribution has them), and how fast.
 */
public record MixResult(Path trainval, long trainvalBatches, Path evaluation, long evaluationBatches, int batchSize,
                        List<Taken> taken, List<String> branches, List<String> notes, double seconds) {
    public MixResult {
        taken = List.copyOf(taken);
        branches = List.copyOf(branches);
        notes = List.copyOf(notes);
    }

    /** Entries a contribution gave to each output, and how many its input holds. */
    public record Taken(String name, long trainval, long evaluation, long available) {
    }

    public long entries() {
        return (trainvalBatches + evaluationBatches) * batchSize;
    }

    public double rate() {
        return entries() / Math.max(seconds, 1e-9);
    }

    /** One line for the build log. */
    public String summary() {
        return String.format(Locale.ROOT, "mix: %,d batches of %d (%,d entries) to %s and %,d batches (%,d entries) to %s, %.1f s"
                        + " (%,.0f entries/s)", trainvalBatches, batchSize, trainvalBatches * batchSize,
                trainval.getFileName(), evaluationBatches, evaluationBatches * batchSize, evaluation.getFileName(),
                seconds, rate());
    }

    /** Per contribution: entries to each output and what is left in its input. */
    public List<String> table() {
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-14s %12s %12s %12s %12s", "contribution", "trainval", "evaluation", "input",
                "unused"));
        for (Taken t : taken) {
            out.add(String.format(Locale.ROOT, "%-14s %,12d %,12d %,12d %,12d", t.name(), t.trainval(), t.evaluation(),
                    t.available(), t.available() - t.trainval() - t.evaluation()));
        }
        return out;
    }
}
