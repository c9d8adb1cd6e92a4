package io.github.tauml.pipeline.tfdata;

import io.github.tauml.pipeline.features.Feature;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.features.ObjectBlock;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dataset generation rate (τ/s, 1 and 2 decoding threads) for the small and v2p5 presets, bytes per record sparse
 * against dense, and where the time goes. v2p5 needs TauMLTools branches the toy lacks: they are added to a copy of
 * the toy sample with synthetic values (their numbers do not matter for the rate; the grid occupancy, set by the
 * toy's particles, does).
 *
 * <pre>java -cp TEST_CLASSPATH io.github.tauml.pipeline.tfdata.DatasetBenchmark [--dir DIR] [--entries N]</pre>
 */
public final class DatasetBenchmark {
    private DatasetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target/bench/dataset");
        long entries = 20_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--entries" -> entries = Long.parseLong(args[++i]);
                default -> {
                    // other bench options are ignored
                }
            }
        }
        Files.createDirectories(dir);
        Path toyDir = dir.resolve("toy");
        Path toy = toyDir.resolve("training.root");
        if (!Files.exists(toy)) {
            ToyNtuples.generate(new ToyRequest(toyDir, Map.of(ToySample.TRAINING, entries), 1, Mismodelling.defaults(),
                    true, Compression.ZLIB, 1, 2), s -> { });
        }
        Path augmented = dir.resolve("training-v2p5.root");
        if (!Files.exists(augmented)) {
            augment(toy, augmented, FeatureSet.v2p5());
        }
        System.out.println("| preset | threads | compression | τ/s | bytes/record | dense bytes/record | read s | "
                + "grid fill + features s | encode s | write s | total s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String preset : List.of("small", "v2p5")) {
            FeatureSet set = FeatureSet.preset(preset);
            Path in = preset.equals("small") ? toy : augmented;
            long dense = 0;
            for (DatasetSpec.Input i : TFDatasets.specInputs(set)) {
                dense += 4L * i.denseSize();
            }
            for (int[] cfg : new int[][] {{1, 0}, {2, 0}, {1, 1}}) {
                int threads = cfg[0];
                boolean gzip = cfg[1] == 1;
                Path out = dir.resolve("out-" + preset + "-" + threads + (gzip ? "-gz" : ""));
                DatasetResult best = null;
                for (int rep = 0; rep < 4; rep++) { // the first repetition warms up the JIT; the best of 3 after it
                    DatasetResult r = TFDatasets.classification(new ClassificationRequest(List.of(in), "taus",
                            "tauType", out, set, null, 1, 0.3, 1e5, new DatasetOptions(gzip, 1, threads, 4096)),
                            s -> { });
                    if (rep > 0 && (best == null || r.seconds() < best.seconds())) {
                        best = r;
                    }
                }
                DatasetResult.Timings t = best.timings();
                System.out.printf("| %s | %d | %s | %.0f | %.0f | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                        preset, threads, gzip ? "GZIP" : "none", best.read() / best.seconds(),
                        (double) best.bytes() / best.records(), dense, t.read(), t.features(), t.encode(),
                        t.write(), best.seconds());
            }
        }
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NOT_BRANCHES = Set.of("std", "abs", "sqrt", "cosh", "deltaEta", "deltaPhi",
            "deltaR");

    /** Copies {@code in} adding every branch the set's expressions need and the file lacks (synthetic values). */
    static void augment(Path in, Path out, FeatureSet set) throws Exception {
        augment(in, out, set, Long.MAX_VALUE);
    }

    /** As {@link #augment(Path, Path, FeatureSet)} for the first {@code limit} entries. */
    static void augment(Path in, Path out, FeatureSet set, long limit) throws Exception {
        Set<String> needed = new LinkedHashSet<>();
        List<Feature> all = new ArrayList<>(set.tau());
        all.addAll(set.gridGlobal());
        for (String k : FeatureSet.KINDS) {
            for (ObjectBlock b : set.blocks(k)) {
                all.addAll(b.features());
            }
        }
        for (Feature f : all) {
            Matcher m = IDENT.matcher(f.expression() + " " + f.when());
            while (m.find()) {
                if (!NOT_BRANCHES.contains(m.group())) {
                    needed.add(m.group());
                }
            }
        }
        try (RootFile rf = RootFile.open(in)) {
            TTree tree = rf.tree("taus");
            List<BranchSpec> specs = new ArrayList<>(ToyNtuples.branches(true));
            Set<String> have = new LinkedHashSet<>();
            for (Branch b : tree.branches()) {
                have.add(b.name());
            }
            List<String> added = new ArrayList<>();
            for (String n : needed) {
                if (!have.contains(n)) {
                    boolean object = n.startsWith("pfCand_") || n.startsWith("ele_") || n.startsWith("muon_");
                    specs.add(object ? BranchSpec.vector(n, LeafType.FLOAT32) : BranchSpec.scalar(n, LeafType.FLOAT32));
                    added.add(n);
                }
            }
            List<String> names = ToyNtuples.branches(true).stream().map(BranchSpec::name).toList();
            SplittableRandom rng = new SplittableRandom(7);
            try (RootWriter w = RootWriter.create(out, WriterOptions.defaults().withCompression(Compression.ZLIB, 1))) {
                TreeWriter t = w.tree("taus", "toy + synthetic TauMLTools branches", specs);
                try (ColumnBatches batches = tree.batches(names, 0, Math.min(limit, tree.entries()), 10_000, 2)) {
                    while (batches.hasNext()) {
                        Columns b = batches.next();
                        Map<String, Column> cols = new LinkedHashMap<>(b.columns());
                        int n = Math.toIntExact(b.entries());
                        for (String a : added) {
                            String collection = a.substring(0, a.indexOf('_'));
                            if (a.startsWith("pfCand_") || a.startsWith("ele_") || a.startsWith("muon_")) {
                                int[] off = b.get(collection + "_pt").offsets();
                                float[] v = new float[off[n]];
                                for (int i = 0; i < v.length; i++) {
                                    v[i] = a.endsWith("hasTrackDetails") ? rng.nextInt(2) : (float) rng.nextDouble(0.5, 1.5);
                                }
                                cols.put(a, new Column(a, LeafType.FLOAT32, Shape.VECTOR, v, off.clone(), 1));
                            } else {
                                float[] v = new float[n];
                                for (int i = 0; i < n; i++) {
                                    v[i] = (float) rng.nextDouble(0.5, 1.5);
                                }
                                cols.put(a, new Column(a, LeafType.FLOAT32, Shape.SCALAR, v, null, 1));
                            }
                        }
                        t.append(cols);
                    }
                }
                t.close();
            }
            if (limit == Long.MAX_VALUE) {
                System.out.println("v2p5 input: " + added.size() + " synthetic branches added to the toy sample");
            }
        }
    }
}
