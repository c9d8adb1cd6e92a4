package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.dataset.MixRequest.Contribution;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.bench.Bench;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.TTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 9: the drop and mix stages' rates (entries/s) against their limit, the read rate of the same branches of the
 * same file. One toy file (simulated DY→ττ, particle branches included unless {@code --particles false}); the drop
 * examines every entry towards the reference's 15-bin spectrum; the mix draws three contributions (50 / 36 / 14 per
 * batch) from it until the largest runs out, all sequential; outputs ZLIB 1 as the stages' default. Measurements are
 * interleaved so a disturbance hits all alike.
 *
 * <p>Options: {@code --entries N} (200000), {@code --particles true}, {@code --reps N} (3), {@code --warmup N} (1),
 * {@code --dir DIR} (target/bench), {@code --out FILE}. Run with {@code -Pbench -Dbench.main=} this class.
 */
public final class DropMixBenchmark {
    private DropMixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long entries = Bench.option(args, "entries", 200_000);
        boolean particles = Boolean.parseBoolean(Bench.option(args, "particles", "true"));
        int reps = (int) Bench.option(args, "reps", 3);
        int warmup = (int) Bench.option(args, "warmup", 1);
        Path dir = Path.of(Bench.option(args, "dir", "target/bench")).toAbsolutePath().resolve("drop-mix");
        String outOpt = Bench.option(args, "out", "");
        Path out = outOpt.isEmpty() ? null : Path.of(outOpt);
        Bench.start(out);
        Files.createDirectories(dir);
        ToyNtuples.generate(new ToyRequest(dir, Map.of(ToySample.DY_TAUTAU, entries), 1, Mismodelling.defaults(),
                particles, Compression.ZLIB, 1, 2), s -> { });
        Path input = dir.resolve("DYtautau.root");
        List<String> branches;
        try (RootFile f = RootFile.open(input)) {
            branches = f.tree("taus").branches().stream().map(Branch::name).toList();
        }
        Bench.emit(out, String.format(Locale.ROOT, "%n## Benchmark (drop and mix, issue 9): %,d toy candidates, %d"
                + " branches%s%n%n%s%n", entries, branches.size(), particles ? " (particles included)" : "",
                Bench.machine()));

        double[] edges = {30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400};
        TH1 axis = new TH1("axis", "", "TH1D", edges, new double[17], new double[0], 0);
        double[] observed = new double[17];
        try (RootFile f = RootFile.open(input)) {
            var pt = f.tree("taus").read(List.of("tau_pt"), 0, entries).get("tau_pt");
            for (int i = 0; i < pt.entries(); i++) {
                observed[axis.findBin(pt.getDouble(i))]++;
            }
        }
        // The copy: target = observed, so p = 1 in every populated bin and the drop keeps everything (read + write).
        TH1 same = new TH1("same", "", "TH1D", edges, observed, new double[0], 0);
        // The drop: p falling linearly from 1 in the first bin to 1/2 in the last, about two thirds kept.
        double[] falling = new double[17];
        for (int b = 1; b <= 15; b++) {
            falling[b] = observed[b] * (1 - 0.5 * (b - 1) / 14.0);
        }
        TH1 target = new TH1("EMB", "", "TH1D", edges, falling, new double[0], 0);
        long[] kept = new long[1];
        Bench.Timed read = () -> {
            try (RootFile f = RootFile.open(input)) {
                TTree t = f.tree("taus");
                long n = 0;
                try (ColumnBatches b = t.batches(branches, 0, t.entries(), 16_384, 1)) {
                    while (b.hasNext()) {
                        n += b.next().entries();
                    }
                }
                return n;
            }
        };
        long[] copied = new long[1];
        Bench.Timed copy = () -> {
            DropResult r = EventDrop.run(new DropRequest("DY_taus", "<samples><sample name=\"DY_taus\">", input,
                    "taus", "tau_pt", same, -1, TRandom3.DEFAULT_SEED, dir.resolve("copy/DY_taus.root"),
                    Compression.ZLIB, 1, 1), s -> { });
            copied[0] = r.kept();
            return r.examined();
        };
        Bench.Timed drop = () -> {
            DropResult r = EventDrop.run(new DropRequest("DY_taus", "<samples><sample name=\"DY_taus\">", input,
                    "taus", "tau_pt", target, -1, TRandom3.DEFAULT_SEED, dir.resolve("drop/DY_taus.root"),
                    Compression.ZLIB, 1, 1), s -> { });
            kept[0] = r.kept();
            return r.examined();
        };
        int batches = (int) (entries / 50);
        int trainval = batches * 3 / 5;
        long[] mixed = new long[1];
        Bench.Timed mix = () -> {
            List<Contribution> cs = List.of(
                    new Contribution("data", "data", input, "taus", 50, 0, true, "data"),
                    new Contribution("DY_taus", "DY_taus", input, "taus", 36, 1, false, "DYT"),
                    new Contribution("W_jets", "W_jets", input, "taus", 14, 5, false, "WJ"));
            MixResult r = Mix.run(new MixRequest(cs, null, "tau_pt", "tauType", trainval, batches - trainval, false,
                    1, dir.resolve("mix/trainval.root"), dir.resolve("mix/evaluate.root"), Compression.ZLIB, 1, 1),
                    s -> { });
            mixed[0] = r.entries();
            return r.entries();
        };
        Bench.Rates[] rates = Bench.interleaved(warmup, reps, read, copy, drop, mix);
        Bench.emit(out, "| task (1 thread) | entries | M entries/s, median (min–max) | fraction of the read rate |\n"
                + "|---|---:|---:|---:|\n");
        Bench.emit(out, String.format(Locale.ROOT, "| read every branch (ColumnBatches, the limit) | %,d | %s | 1 |%n",
                entries, Bench.cell(rates[0])));
        Bench.emit(out, String.format(Locale.ROOT, "| EventDrop.run with p = 1: read + write every entry (a copy) |"
                + " %,d examined, %,d kept | %s | %.2f |%n", entries, copied[0], Bench.cell(rates[1]),
                rates[1].median() / rates[0].median()));
        Bench.emit(out, String.format(Locale.ROOT, "| EventDrop.run: read, FindBin, TRandom3, select, write |"
                + " %,d examined, %,d kept | %s | %.2f |%n", entries, kept[0], Bench.cell(rates[2]),
                rates[2].median() / rates[0].median()));
        Bench.emit(out, String.format(Locale.ROOT, "| Mix.run: 3 streams, interleave, dataset_id/tauType/weight,"
                + " write two files | %,d read and written | %s | %.2f |%n", mixed[0], Bench.cell(rates[3]),
                rates[3].median() / rates[0].median()));
    }

    private static double[] withFlows(double[] regular) {
        double[] all = new double[regular.length + 2];
        System.arraycopy(regular, 0, all, 1, regular.length);
        return all;
    }
}
