package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.pipeline.features.Feature;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.features.GridGeometry;
import io.github.tauml.pipeline.features.ObjectBlock;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import io.github.tauml.pipeline.tfdata.DatasetResult;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import io.github.tauml.rootio.tree.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Validates a {@link DatasetDeclaration} and builds the dataset stage requests; every problem names the pom element
 * ({@code <classification><validationFraction>}, {@code <blockFeatures><PfCand_muon>}, ...) and all of them are
 * reported at once. {@link #run} then runs the classification dataset before the adversarial one (which uses its
 * scaling), and reports stage problems with the section's element.
 */
public final class DatasetConfig {
    private DatasetConfig() {
    }

    /** The validated requests: either may be null when its section is not declared. */
    public record Plan(FeatureSet features, ClassificationRequest classification, AdversarialRequest adversarial) {
    }

    public static Plan plan(DatasetDeclaration d) throws ConfigException {
        return plan(d, Upstream.none());
    }

    /**
     * As {@link #plan(DatasetDeclaration)}, with inputs (the skims, the mix, another dataset's scaling file) that
     * earlier executions of the pipeline write accepted before they exist; with {@link Upstream#wholePipeline()} an
     * input that neither exists nor is written upstream is a problem here rather than when the stage runs.
     */
    public static Plan plan(DatasetDeclaration d, Upstream upstream) throws ConfigException {
        Problems problems = new Problems();
        FeatureSet set = features(d, problems);
        if (d.shards() < 1) {
            problems.add("<shards>", "must be at least 1, got " + d.shards(), "give the number of shards per split");
        }
        if (d.threads() < 0) {
            problems.add("<threads>", "must be 0 (every processor) or more, got " + d.threads(), "use 0, 1 or 2");
        }
        if (d.classification() == null && d.adversarial() == null) {
            problems.add("<classification>", "neither <classification> nor <adversarial> is declared",
                    "declare at least one dataset");
        }
        problems.throwIfAny();
        int threads = d.threads() == 0 ? Runtime.getRuntime().availableProcessors() : d.threads();
        DatasetOptions options = new DatasetOptions(d.gzip(), d.shards(), threads, 4096);
        ClassificationRequest c = null;
        if (d.classification() != null) {
            DatasetDeclaration.Classification k = d.classification();
            String e = "<classification>";
            List<Path> inputs = inputs(d, k.inputs(), e, problems, upstream);
            if (!(k.validationFraction() >= 0 && k.validationFraction() < 1)) {
                problems.add(e + "<validationFraction>", "must be in [0, 1), got " + k.validationFraction(),
                        "give the fraction of records for validation, e.g. 0.3");
            }
            if (!(k.weightThr() > 1)) {
                problems.add(e + "<weightThr>", "must be above 1, got " + k.weightThr(),
                        "use the reference's 1e5");
            }
            Path out = path(d, k.output(), e + "<output>", problems);
            Path scaling = k.scalingFile() == null || k.scalingFile().isBlank() ? null
                    : existing(d, k.scalingFile(), e + "<scalingFile>", problems, upstream);
            if (problems.isEmpty()) {
                c = new ClassificationRequest(inputs, orDefault(k.tree(), "taus"), orDefault(k.tauTypeBranch(),
                        "tauType"), out, set, scaling, k.seed(), k.validationFraction(), k.weightThr(), options);
            }
        }
        AdversarialRequest a = null;
        if (d.adversarial() != null) {
            DatasetDeclaration.Adversarial k = d.adversarial();
            String e = "<adversarial>";
            List<Path> inputs = inputs(d, k.inputs(), e, problems, upstream);
            if (k.batchSize() < 1) {
                problems.add(e + "<batchSize>", "must be at least 1, got " + k.batchSize(),
                        "give the candidates per mixed batch (100 in the reference)");
            }
            if (k.trainBatches() < 1) {
                problems.add(e + "<trainBatches>", "must be at least 1, got " + k.trainBatches(),
                        "give the mixed batches of the train split (750 of 1125 in the reference)");
            }
            if (k.validationBatches() < 0) {
                problems.add(e + "<validationBatches>", "must be 0 or more, got " + k.validationBatches(),
                        "give the mixed batches of the validation split (375 of 1125 in the reference)");
            }
            Path out = path(d, k.output(), e + "<output>", problems);
            Path scaling;
            if (k.scalingFile() != null && !k.scalingFile().isBlank()) {
                scaling = d.classification() != null ? path(d, k.scalingFile(), e + "<scalingFile>", problems)
                        : existing(d, k.scalingFile(), e + "<scalingFile>", problems, upstream);
            } else if (c != null) {
                scaling = c.output().resolve(TFDatasets.SCALING_FILE);
            } else {
                problems.add(e + "<scalingFile>", "no scaling file: give the scaling.json of the classification"
                        + " dataset", "declare <classification> in the same execution, or set <scalingFile>");
                scaling = null;
            }
            if (c != null && out != null && out.equals(c.output())) {
                problems.add(e + "<output>", "is the classification dataset's directory " + out,
                        "give each dataset its own directory");
            }
            if (problems.isEmpty()) {
                AdversarialRequest req = new AdversarialRequest(inputs, orDefault(k.tree(), "taus"), out, set,
                        scaling, k.batchSize(), k.trainBatches(), k.validationBatches(), k.seed(), options);
                // the batches of the mix an earlier execution writes into the one input, when it is declared
                if (inputs.size() == 1) {
                    upstream.fact(inputs.get(0), MixBatches.class).ifPresent(m -> m.check(req, e, problems));
                }
                a = req;
            }
        }
        problems.throwIfAny();
        return new Plan(set, c, a);
    }

    /** What writes each dataset: the local writers, or an executor's with the same files (issue 13). */
    public record Runners(TFDatasets.ClassificationRunner classification, TFDatasets.AdversarialRunner adversarial) {
        /** Both datasets written in this JVM. */
        public static final Runners LOCAL = new Runners(TFDatasets::classification, TFDatasets::adversarial);
    }

    /** Runs the plan: classification first, then adversarial. */
    public static List<DatasetResult> run(Plan plan, Consumer<String> log) throws ConfigException, IOException {
        return run(plan, log, Runners.LOCAL);
    }

    /**
     * As {@link #run(Plan, Consumer)}, the adversarial dataset written by {@code adversarial} (the local writer, or
     * an executor's with the same shards).
     */
    public static List<DatasetResult> run(Plan plan, Consumer<String> log, TFDatasets.AdversarialRunner adversarial)
            throws ConfigException, IOException {
        return run(plan, log, new Runners(TFDatasets::classification, adversarial));
    }

    /** As {@link #run(Plan, Consumer)}, each dataset written by its runner. */
    public static List<DatasetResult> run(Plan plan, Consumer<String> log, Runners runners)
            throws ConfigException, IOException {
        List<DatasetResult> out = new ArrayList<>();
        if (plan.classification() != null) {
            try {
                out.add(runners.classification().run(plan.classification(), log));
            } catch (ConfigException e) {
                throw scoped("<classification>", e);
            }
        }
        if (plan.adversarial() != null) {
            try {
                out.add(runners.adversarial().run(plan.adversarial(), log));
            } catch (ConfigException e) {
                throw scoped("<adversarial>", e);
            }
        }
        return out;
    }

    /**
     * A stage problem re-addressed to the pom: {@code weightThr} becomes {@code <classification><weightThr>}, a
     * feature ({@code features/TauFlat/x}) the feature-list elements; words after the element name (a file) move into
     * the message.
     */
    private static ConfigException scoped(String section, ConfigException e) {
        List<ConfigException.Problem> p = new ArrayList<>();
        for (ConfigException.Problem x : e.problems()) {
            String el = x.element();
            int space = el.indexOf(' ');
            String name = space < 0 ? el : el.substring(0, space);
            String message = space < 0 ? x.message() : el.substring(space + 1) + ": " + x.message();
            String scopedElement = name.startsWith("features")
                    ? "<preset>/<tauFeatures>/<blockFeatures> feature " + name.substring("features".length())
                    .replaceFirst("^/", "")
                    : section + "<" + name + ">";
            p.add(new ConfigException.Problem(scopedElement, message, x.fix()));
        }
        return new ConfigException(p);
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v.trim();
    }

    private static Path path(DatasetDeclaration d, String p, String element, Problems problems) {
        if (p == null || p.isBlank()) {
            problems.add(element, "is missing", "give a path");
            return null;
        }
        Path base = d.baseDirectory() == null ? Path.of("") : d.baseDirectory();
        return base.resolve(p.trim()).toAbsolutePath().normalize();
    }

    private static Path existing(DatasetDeclaration d, String p, String element, Problems problems,
                                 Upstream upstream) {
        Path path = path(d, p, element, problems);
        if (path != null && !Files.isRegularFile(path) && !upstream.pending(path)) {
            problems.add(element, path + " " + upstream.missing(path), upstream.wholePipeline() ? "give an existing file,"
                    + " or declare the execution that writes it before this one" : "give an existing file, or run the"
                    + " stage that makes it first");
        }
        return path;
    }

    private static List<Path> inputs(DatasetDeclaration d, List<String> inputs, String section, Problems problems,
                                     Upstream upstream) {
        List<Path> out = new ArrayList<>();
        if (inputs.isEmpty()) {
            problems.add(section + "<inputs>", "no input file", "list the ROOT files, e.g. <inputs><input>"
                    + "${project.build.directory}/adversarial/mix/mix_trainval.root</input></inputs>");
        }
        for (String i : inputs) {
            Path p = path(d, i, section + "<inputs><input>", problems);
            if (p != null && upstream.wholePipeline() && !Files.exists(p) && !upstream.pending(p)) {
                problems.add(section + "<inputs><input>", "the input " + p + " " + upstream.missing(p),
                        "correct the path, or declare the execution that writes it before this one");
            }
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The feature set: the preset, then grid sizes and feature lists replaced as declared. */
    static FeatureSet features(DatasetDeclaration d, Problems problems) {
        FeatureSet base;
        String presetName = orDefault(d.preset(), "small");
        try {
            base = FeatureSet.preset(presetName);
        } catch (IllegalArgumentException e) {
            problems.add("<preset>", e.getMessage(), "use small (toy tuples) or v2p5 (TauMLTools tuples)");
            base = FeatureSet.small();
        }
        FeatureSet v2p5 = FeatureSet.v2p5();
        GridGeometry inner = base.inner();
        GridGeometry outer = base.outer();
        try {
            inner = new GridGeometry("inner", d.innerCells() == null ? inner.cells() : d.innerCells(),
                    d.innerCellSize() == null ? inner.cellSize() : d.innerCellSize());
        } catch (IllegalArgumentException e) {
            problems.add("<innerCells>/<innerCellSize>", e.getMessage(), "give an odd cell count and a positive size");
        }
        try {
            outer = new GridGeometry("outer", d.outerCells() == null ? outer.cells() : d.outerCells(),
                    d.outerCellSize() == null ? outer.cellSize() : d.outerCellSize());
        } catch (IllegalArgumentException e) {
            problems.add("<outerCells>/<outerCellSize>", e.getMessage(), "give an odd cell count and a positive size");
        }
        List<Feature> tau = d.tauFeatures().isEmpty() ? base.tau()
                : pick("<tauFeatures>", d.tauFeatures(), base.tau(), v2p5.tau(), problems);
        Map<String, List<String>> wanted = new LinkedHashMap<>(d.blockFeatures());
        List<Feature> gg = wanted.containsKey("GridGlobal")
                ? pick("<blockFeatures><GridGlobal>", wanted.remove("GridGlobal"), base.gridGlobal(),
                v2p5.gridGlobal(), problems) : base.gridGlobal();
        List<List<ObjectBlock>> kinds = new ArrayList<>();
        List<String> blockNames = new ArrayList<>(List.of("GridGlobal"));
        for (String kind : FeatureSet.KINDS) {
            List<ObjectBlock> blocks = new ArrayList<>();
            List<ObjectBlock> full = v2p5.blocks(kind);
            List<ObjectBlock> mine = base.blocks(kind);
            for (int i = 0; i < mine.size(); i++) {
                ObjectBlock b = mine.get(i);
                blockNames.add(b.name());
                List<String> names = wanted.remove(b.name());
                if (names == null) {
                    blocks.add(b);
                } else {
                    ObjectBlock catalogue = full.stream().filter(x -> x.name().equals(b.name())).findFirst()
                            .orElse(b);
                    blocks.add(new ObjectBlock(b.name(), b.collection(), b.particleType(),
                            pick("<blockFeatures><" + b.name() + ">", names, b.features(), catalogue.features(),
                                    problems)));
                }
            }
            kinds.add(blocks);
        }
        for (String unknown : wanted.keySet()) {
            List<String> close = Names.closest(unknown, blockNames, 2);
            problems.add("<blockFeatures><" + unknown + ">", "there is no block '" + unknown + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"),
                    "use one of " + String.join(", ", blockNames));
        }
        return new FeatureSet(d.tauFeatures().isEmpty() && d.blockFeatures().isEmpty() && d.innerCells() == null
                && d.innerCellSize() == null && d.outerCells() == null && d.outerCellSize() == null ? base.name()
                : "custom", tau, gg, kinds.get(0), kinds.get(1), kinds.get(2), inner, outer, base.minPt(),
                base.openingCoef(), base.minRadius(), base.isoCone());
    }

    private static List<Feature> pick(String element, List<String> names, List<Feature> preset,
                                      List<Feature> catalogue, Problems problems) {
        List<Feature> out = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim();
            Feature f = preset.stream().filter(x -> x.name().equals(n)).findFirst()
                    .orElse(catalogue.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null));
            if (f == null) {
                List<String> all = new ArrayList<>(catalogue.stream().map(Feature::name).toList());
                preset.forEach(x -> {
                    if (!all.contains(x.name())) {
                        all.add(x.name());
                    }
                });
                List<String> close = Names.closest(n, all, 3);
                problems.add(element, "there is no feature '" + n + "' in this block"
                        + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"),
                        "use TauMLTools feature names of the block");
            } else {
                out.add(f);
            }
        }
        if (names.isEmpty()) {
            problems.add(element, "lists no feature", "list at least one feature, or drop the element");
        }
        return out;
    }
}
