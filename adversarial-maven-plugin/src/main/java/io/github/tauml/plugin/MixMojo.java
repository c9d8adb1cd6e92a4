package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.ExecutorConfig;
import io.github.tauml.pipeline.config.MixBatches;
import io.github.tauml.pipeline.config.MixConfig;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.WeightHistograms;
import io.github.tauml.pipeline.dataset.Mix;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.MixResult;
import java.io.File;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Mixes data and simulation into fixed-composition batches (reference §2.6, TauMLTools' {@code AdversarialEventMix.py}):
 * each batch is the contributions' blocks in declaration order, written to tree {@code taus} of
 * {@code adv_dataset_trainval.root} and then, from the entries that follow, {@code adv_dataset_evaluate.root}, with
 * {@code dataset_id}, {@code tauType} (8 for data) and the pT {@code weight} added. A contribution that runs dry fails
 * the build with its name and counts before anything is written.
 */
@Mojo(name = "mix", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class MixMojo extends StageMojo {
    /** The blocks of a batch, in order; shared with the {@code reweight} goal. */
    @Parameter
    private List<Contribution> contributions;

    /** Batches of the train/validation output (the reference: 1125). */
    @Parameter(property = "adversarial.mix.trainvalBatches", defaultValue = "1125")
    private int trainvalBatches;

    /** Batches of the evaluation output (the reference: 750). */
    @Parameter(property = "adversarial.mix.evaluationBatches", defaultValue = "750")
    private int evaluationBatches;

    /** {@code sequential} (file order, as the reference) or {@code shuffled} (seeded, within each contribution). */
    @Parameter(property = "adversarial.mix.order", defaultValue = "sequential")
    private String order;

    /** The shuffle's seed. */
    @Parameter(property = "adversarial.mix.seed", defaultValue = "1")
    private long seed;

    /** The pT-weight file (the reweight goal's output by default); {@code none}: weight 1 for every entry. */
    @Parameter(property = "adversarial.mix.weightsFile",
            defaultValue = "${project.build.directory}/adversarial/reweight/adv_weights.root")
    private String weightsFile;

    /** The branch the weights are looked up with (GeV). */
    @Parameter(property = "adversarial.mix.ptBranch", defaultValue = "tau_pt")
    private String ptBranch;

    /** The simulated samples' true-τ-type column, copied into {@code tauType}. */
    @Parameter(property = "adversarial.mix.tauTypeBranch", defaultValue = "mytauType")
    private String tauTypeBranch;

    /** The inputs' tree. */
    @Parameter(property = "adversarial.mix.tree", defaultValue = "taus")
    private String tree;

    /** The train/validation output. */
    @Parameter(property = "adversarial.mix.trainvalOutput",
            defaultValue = "${project.build.directory}/adversarial/mix/adv_dataset_trainval.root")
    private File trainvalOutput;

    /** The evaluation output. */
    @Parameter(property = "adversarial.mix.evaluationOutput",
            defaultValue = "${project.build.directory}/adversarial/mix/adv_dataset_evaluate.root")
    private File evaluationOutput;

    /** Output compression: {@code zlib}, {@code lzma}, {@code lz4}, {@code zstd} or {@code none}. */
    @Parameter(property = "adversarial.mix.compression", defaultValue = "zlib")
    private String compression;

    /** Output compression level, 1 (fast) to 9 (small); 0 stores raw. */
    @Parameter(property = "adversarial.mix.compressionLevel", defaultValue = "1")
    private int compressionLevel;

    /** Threads decoding input branches; 0: every processor. */
    @Parameter(property = "adversarial.mix.threads", defaultValue = "0")
    private int threads;

    /**
     * Where the batches are mixed: {@code local} (this JVM) or {@code spark} (the batches computed as Spark tasks,
     * appended by this JVM in order: both files byte-identical to {@code local}; the mix reads its inputs once, so
     * Spark gains only for large inputs). {@code spark} needs {@code io.github.tauml:pipeline-spark} and {@code
     * org.apache.spark:spark-sql_2.13} as dependencies of the plugin (docs/spark.md) and inputs every executor sees at
     * the same path.
     */
    @Parameter(property = "adversarial.mix.executor", defaultValue = "local")
    private String executor;

    /**
     * The Spark master for {@code <executor>spark</executor>}: {@code local[*]}, {@code local[4]},
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}.
     */
    @Parameter(property = "adversarial.mix.sparkMaster", defaultValue = "local[*]")
    private String sparkMaster;

    /**
     * Spark settings passed through unchanged, e.g. {@code <spark.executor.memory>4g</spark.executor.memory>}
     * (pom only).
     */
    @Parameter
    private java.util.Map<String, String> sparkConf;

    /** Skips the goal. */
    @Parameter(property = "adversarial.mix.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    private MixRequest request() throws ConfigException {
        return MixConfig.request(new MixConfig.Declaration(contributions == null ? List.of()
                : contributions.stream().map(Contribution::declaration).toList(), trainvalBatches,
                evaluationBatches, order, seed, weightsFile, ptBranch, tauTypeBranch, tree,
                trainvalOutput.toPath().toAbsolutePath().normalize(),
                evaluationOutput.toPath().toAbsolutePath().normalize(), compression, compressionLevel, threads),
                basedir.toPath().toAbsolutePath().normalize(), upstream());
    }

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        MixResult result = ExecutorConfig.mix(executor, sparkMaster, sparkConf, "adversarial.mix.",
                getClass().getClassLoader(), getLog()::info).run(request(), getLog()::info);
        getLog().info(result.summary());
        result.table().forEach(line -> getLog().info("  " + line));
        result.notes().forEach(n -> getLog().info("note: " + n));
    }

    /**
     * The declaration (inputs that earlier executions write accepted), and that the weights file holds, or the
     * reweight execution that writes it declares, a histogram for every contribution.
     */
    @Override
    protected void check(Problems problems) throws Exception {
        MixRequest r = request();
        if (r.weights() == null) {
            return;
        }
        if (upstream().pending(r.weights())) {
            upstream().fact(r.weights(), WeightHistograms.class).ifPresent(w ->
                    MixConfig.checkWeightNames(r, w.names(), w.writer(), problems));
        } else {
            MixConfig.checkWeightNames(r, problems);
        }
    }

    /** The batches of both outputs, for the adversarial datasets' check against the mix. */
    @Override
    protected void declareFacts(io.github.tauml.pipeline.exec.Upstream pipeline) throws Exception {
        MixRequest r = request();
        pipeline.fact(r.trainvalOutput(), MixBatches.class, new MixBatches(stage(), r.batchSize(), r.trainvalBatches()));
        pipeline.fact(r.evaluationOutput(), MixBatches.class,
                new MixBatches(stage(), r.batchSize(), r.evaluationBatches()));
    }

    @Override
    protected List<Path> declaredOutputs() {
        return List.of(trainvalOutput.toPath(), evaluationOutput.toPath());
    }

    @Override
    protected StageFiles files() {
        try {
            MixRequest r = request();
            List<Path> inputs = new ArrayList<>();
            r.contributions().forEach(c -> inputs.add(c.input()));
            if (r.weights() != null) {
                inputs.add(r.weights());
            }
            return new StageFiles(Mix.FORMAT_VERSION, inputs, List.of(r.trainvalOutput(), r.evaluationOutput()));
        } catch (ConfigException e) {
            return null; // the run reports it
        }
    }
}
