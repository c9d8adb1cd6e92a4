package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.ExecutorConfig;
import io.github.tauml.pipeline.config.DatasetConfig;
import io.github.tauml.pipeline.config.DatasetDeclaration;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.pipeline.model.DatasetSpec;
import io.github.tauml.pipeline.tfdata.DatasetResult;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the TFRecord datasets the training reads (docs/dataset-format.md): the classification dataset from a
 * training sample (one-hot e/μ/τ/jet, (|η|, pT) class weights, shuffled, train/validation) and the adversarial
 * dataset from the mix (label 1 data / 0 simulation, pT weight, dataset_id, the mix's order, split by whole
 * batches), with the DeepTau inputs of a feature preset ({@code small} or {@code v2p5}) scaled by the scaling
 * computed on the classification sample. Each dataset directory appears whole, {@code spec.json} last.
 */
@Mojo(name = "dataset", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class DatasetMojo extends StageMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    /** Feature preset: {@code small} (toy tuples, CI) or {@code v2p5} (TauMLTools tuples, 11×11 and 21×21). */
    @Parameter(property = "adversarial.dataset.preset", defaultValue = "small")
    private String preset;

    /** Inner grid cells per side (odd); default: the preset's. */
    @Parameter(property = "adversarial.dataset.innerCells")
    private Integer innerCells;

    /** Inner grid cell size in η and φ; default: the preset's. */
    @Parameter(property = "adversarial.dataset.innerCellSize")
    private Double innerCellSize;

    /** Outer grid cells per side (odd); default: the preset's. */
    @Parameter(property = "adversarial.dataset.outerCells")
    private Integer outerCells;

    /** Outer grid cell size; default: the preset's. */
    @Parameter(property = "adversarial.dataset.outerCellSize")
    private Double outerCellSize;

    /** TauFlat features by TauMLTools name, replacing the preset's list. */
    @Parameter(property = "adversarial.dataset.tauFeatures")
    private List<String> tauFeatures;

    /**
     * Per block ({@code GridGlobal}, {@code PfCand_electron}, {@code PfCand_gamma}, {@code Electron},
     * {@code PfCand_muon}, {@code Muon}, {@code PfCand_chHad}, {@code PfCand_nHad}) a comma-separated feature list
     * replacing the preset's, e.g. {@code <PfCand_muon>pfCand_muon_valid,pfCand_muon_rel_pt</PfCand_muon>}.
     */
    @Parameter
    private Map<String, String> blockFeatures;

    /** The classification dataset. */
    @Parameter
    private DatasetClassification classification;

    /** The adversarial dataset. */
    @Parameter
    private DatasetAdversarial adversarial;

    /** Write GZIP shards ({@code .tfrecord.gz}). */
    @Parameter(property = "adversarial.dataset.gzip", defaultValue = "false")
    private boolean gzip;

    /** Shards per split. */
    @Parameter(property = "adversarial.dataset.shards", defaultValue = "1")
    private int shards;

    /** Threads decoding the ROOT inputs; 0 uses every processor. The output does not depend on it. */
    @Parameter(property = "adversarial.dataset.threads", defaultValue = "0")
    private int threads;

    /**
     * Where the datasets are written: {@code local} (this JVM) or {@code spark} (records encoded by entry range as
     * Spark tasks, put into the shards in record order by this JVM; the classification dataset's scaling statistics
     * computed by range and added in the local order: the same files, byte for byte). {@code spark} needs the plugin
     * dependencies of docs/spark.md, and inputs and the scaling file every executor sees at the same path.
     */
    @Parameter(property = "adversarial.dataset.executor", defaultValue = "local")
    private String executor;

    /**
     * The Spark master for {@code <executor>spark</executor>}: {@code local[*]}, {@code local[4]},
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}.
     */
    @Parameter(property = "adversarial.dataset.sparkMaster", defaultValue = "local[*]")
    private String sparkMaster;

    /**
     * Spark settings passed through unchanged, e.g. {@code <spark.executor.memory>4g</spark.executor.memory>}
     * (pom only).
     */
    @Parameter
    private java.util.Map<String, String> sparkConf;

    /** Skips the goal. */
    @Parameter(property = "adversarial.dataset.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        try {
            DatasetConfig.Plan plan = DatasetConfig.plan(declaration());
            getLog().info("Feature set " + plan.features().name() + ": " + plan.features().tau().size()
                    + " τ features, grids " + plan.features().inner().cells() + "×" + plan.features().inner().cells()
                    + " and " + plan.features().outer().cells() + "×" + plan.features().outer().cells()
                    + ", channels " + plan.features().channels("egamma").size() + " / "
                    + plan.features().channels("muon").size() + " / " + plan.features().channels("hadrons").size());
            for (DatasetResult r : DatasetConfig.run(plan, getLog()::info, ExecutorConfig.dataset(executor,
                    sparkMaster, sparkConf, "adversarial.dataset.", getClass().getClassLoader(), getLog()::info))) {
                getLog().info(String.format(Locale.ROOT, "Wrote the %s dataset %s: %,d records (%s), %,d bytes, %.1f s",
                        r.spec().kind(), r.directory(), r.records(), r.spec().splits().entrySet().stream()
                                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue().records())).reduce((x, y) -> x + ", " + y)
                                .orElse(""), r.bytes(), r.seconds()));
            }
        } catch (ConfigException e) {
            // Each dataset is published whole or not at all; one declared before the failing one may exist.
            throw new ConfigException("The datasets cannot be written as declared:", e.problems());
        }
    }

    /** The samples (and a given scaling file) in, the dataset directories out. */
    @Override
    protected StageFiles files() {
        DatasetConfig.Plan plan;
        try {
            plan = DatasetConfig.plan(declaration(), upstream());
        } catch (ConfigException | RuntimeException e) {
            return null; // the run reports it
        }
        List<Path> inputs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        if (plan.classification() != null) {
            inputs.addAll(plan.classification().inputs());
            if (plan.classification().scalingFile() != null) {
                inputs.add(plan.classification().scalingFile());
            }
            outputs.add(plan.classification().output());
        }
        if (plan.adversarial() != null) {
            inputs.addAll(plan.adversarial().inputs());
            if (plan.adversarial().scalingFile() != null && (plan.classification() == null
                    || !plan.adversarial().scalingFile().startsWith(plan.classification().output()))) {
                inputs.add(plan.adversarial().scalingFile());
            }
            outputs.add(plan.adversarial().output());
        }
        return new StageFiles(TFDatasets.FORMAT_VERSION, inputs, outputs);
    }

    @Override
    protected List<Path> declaredOutputs() {
        List<Path> out = new ArrayList<>();
        if (classification != null && classification.output != null) {
            out.add(basedir.toPath().resolve(classification.output.trim()));
        }
        if (adversarial != null && adversarial.output != null) {
            out.add(basedir.toPath().resolve(adversarial.output.trim()));
        }
        return out;
    }

    /** The declaration: feature lists, sections, counts, and inputs that exist or earlier executions write. */
    @Override
    protected void check(Problems problems) throws Exception {
        DatasetConfig.plan(declaration(), upstream());
    }

    /** The network inputs each declared dataset will have, for the train goal's check against its network. */
    @Override
    protected void declareFacts(Upstream pipeline) throws Exception {
        DatasetConfig.Plan plan = DatasetConfig.plan(declaration(), pipeline);
        if (plan.classification() != null) {
            pipeline.fact(plan.classification().output(), DatasetSpec.Declared.class, DatasetSpec.declared(
                    DatasetSpec.CLASSIFICATION, TFDatasets.specInputs(plan.features()), 0,
                    "written by " + stage()));
        }
        if (plan.adversarial() != null) {
            pipeline.fact(plan.adversarial().output(), DatasetSpec.Declared.class, DatasetSpec.declared(
                    DatasetSpec.ADVERSARIAL, TFDatasets.specInputs(plan.features()), plan.adversarial().batchSize(),
                    "written by " + stage()));
        }
    }

    private DatasetDeclaration declaration() {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        if (blockFeatures != null) {
            blockFeatures.forEach((k, v) -> blocks.put(k, v == null ? List.of() : List.of(v.split("\\s*,\\s*"))));
        }
        DatasetDeclaration.Classification c = classification == null ? null
                : new DatasetDeclaration.Classification(classification.inputs, classification.tree,
                classification.tauTypeBranch, classification.output, classification.scalingFile,
                classification.seed, classification.validationFraction, classification.weightThr);
        DatasetDeclaration.Adversarial a = adversarial == null ? null
                : new DatasetDeclaration.Adversarial(adversarial.inputs, adversarial.tree, adversarial.output,
                adversarial.scalingFile, adversarial.batchSize, adversarial.trainBatches,
                adversarial.validationBatches, adversarial.seed);
        return new DatasetDeclaration(basedir.toPath(), preset, innerCells, innerCellSize, outerCells,
                outerCellSize, tauFeatures == null ? List.of() : new ArrayList<>(tauFeatures), blocks, c, a, gzip,
                shards, threads);
    }
}
