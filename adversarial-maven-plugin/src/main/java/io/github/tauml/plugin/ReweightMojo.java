package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.ExecutorConfig;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.ReweightConfig;
import io.github.tauml.pipeline.config.WeightHistograms;
import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.dataset.ReweightRequest;
import io.github.tauml.pipeline.dataset.ReweightResult;
import io.github.tauml.pipeline.exec.Upstream;
import java.io.File;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the pT-weight histograms (reference §2.5): one TH1D per contribution, named by its {@code <weights>}
 * ({@code data DYT TTT DYM TTJ WJ QCD}), into {@code adv_weights.root}. In {@code total-simulation} mode (the
 * default) every simulated contribution gets the data / total-simulation ratio per bin, the total simulation composed
 * with the contributions' entries per batch as the mix composes it; in {@code per-contribution} mode each gets its
 * {@code <target>} over its observed spectrum. Or a user-supplied {@code <weightsFile>} is checked and copied.
 */
@Mojo(name = "reweight", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class ReweightMojo extends StageMojo {
    /** The contributions, shared with the {@code mix} goal (declare them in the plugin's configuration). */
    @Parameter
    private List<Contribution> contributions;

    /** {@code total-simulation} or {@code per-contribution}. */
    @Parameter(property = "adversarial.reweight.mode", defaultValue = "total-simulation")
    private String mode;

    /** {@code data-count}, {@code unit-mean} or {@code none}. */
    @Parameter(property = "adversarial.reweight.normalisation", defaultValue = "data-count")
    private String normalisation;

    /** The weight histograms' bin edges (GeV), comma-separated. */
    @Parameter(property = "adversarial.reweight.bins",
            defaultValue = "30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400")
    private String bins;

    /** Weights above it are set to it, with a warning per bin; empty: no cap. */
    @Parameter(property = "adversarial.reweight.cap")
    private Double cap;

    /** A user-supplied weights file to use instead of computing the weights. */
    @Parameter(property = "adversarial.reweight.weightsFile")
    private String weightsFile;

    /** The spectrum's branch (GeV). */
    @Parameter(property = "adversarial.reweight.ptBranch", defaultValue = "tau_pt")
    private String ptBranch;

    /** The inputs' tree. */
    @Parameter(property = "adversarial.reweight.tree", defaultValue = "taus")
    private String tree;

    /** The weights file written. */
    @Parameter(property = "adversarial.reweight.output",
            defaultValue = "${project.build.directory}/adversarial/reweight/adv_weights.root")
    private File output;

    /** Threads decoding input branches; 0: every processor. */
    @Parameter(property = "adversarial.reweight.threads", defaultValue = "0")
    private int threads;

    /**
     * Where the observed spectra are filled: {@code local} (this JVM) or {@code spark} (bin counts added up over Spark
     * tasks; integer counts, so the weights file is byte for byte the local one). {@code spark} needs the plugin
     * dependencies of docs/spark.md.
     */
    @Parameter(property = "adversarial.reweight.executor", defaultValue = "local")
    private String executor;

    /**
     * The Spark master for {@code <executor>spark</executor>}: {@code local[*]}, {@code spark://…}, {@code yarn},
     * {@code k8s://…}.
     */
    @Parameter(property = "adversarial.reweight.sparkMaster", defaultValue = "local[*]")
    private String sparkMaster;

    /** Spark settings passed through unchanged (pom only). */
    @Parameter
    private java.util.Map<String, String> sparkConf;

    /** Skips the goal. */
    @Parameter(property = "adversarial.reweight.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    private ReweightRequest request() throws ConfigException {
        return ReweightConfig.request(new ReweightConfig.Declaration(contributions == null
                ? List.of() : contributions.stream().map(Contribution::declaration).toList(), mode,
                normalisation, bins, ptBranch, tree, cap, weightsFile,
                output.toPath().toAbsolutePath().normalize(), threads),
                basedir.toPath().toAbsolutePath().normalize(), upstream());
    }

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        ReweightResult result = Reweight.run(request(), getLog()::warn, ExecutorConfig.reweight(executor,
                sparkMaster, sparkConf, "adversarial.reweight.", getClass().getClassLoader(), getLog()::info));
        getLog().info(result.summary());
        result.table().forEach(line -> getLog().info("  " + line));
    }

    /** The declaration, inputs that earlier executions write accepted. */
    @Override
    protected void check(Problems problems) throws Exception {
        request();
    }

    /** The weight histograms the output will hold, for the mix's check of its contributions' {@code <weights>}. */
    @Override
    protected void declareFacts(Upstream pipeline) throws Exception {
        ReweightRequest r = request();
        if (r.weightsFile() == null) {
            pipeline.fact(r.output(), WeightHistograms.class, new WeightHistograms(stage(),
                    r.contributions().stream().map(ReweightRequest.Contribution::name).toList()));
        }
    }

    @Override
    protected List<Path> declaredOutputs() {
        return List.of(output.toPath());
    }

    @Override
    protected StageFiles files() {
        try {
            ReweightRequest r = request();
            List<Path> inputs = new ArrayList<>();
            r.contributions().forEach(c -> inputs.add(c.input()));
            if (r.weightsFile() != null) {
                inputs.add(r.weightsFile());
            }
            return new StageFiles(Reweight.FORMAT_VERSION, inputs, List.of(r.output()));
        } catch (ConfigException e) {
            return null; // the run reports it
        }
    }
}
