package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.ExecutorConfig;
import io.github.tauml.pipeline.config.DropConfig;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.DropResult;
import io.github.tauml.pipeline.dataset.EventDrop;
import java.io.File;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Thins skimmed samples so that their pT spectrum follows a target (reference §2.4, TauMLTools' {@code EventDrop.py}):
 * keep probability p_b = r_b / max r with r_b = target_b / observed_b, one TRandom3 draw per examined entry (seed
 * 4357, ROOT's default, reproduces the reference). Writes {@code <outputDirectory>/<name>.root} with every branch, and
 * logs a table per sample: observed, target, p, kept per bin, under- and overflow included.
 */
@Mojo(name = "drop", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class DropMojo extends StageMojo {
    /** The samples to thin: {@code <sample><name>DY_taus</name><input>...</input></sample>}. */
    @Parameter
    private List<DropSample> samples;

    /** The target spectrum, a TH1 in a ROOT file: {@code datacard.root:mt_inclusive/EMB} (nested directories). */
    @Parameter(property = "adversarial.drop.target")
    private String target;

    /** Instead of a file: the target's bin edges, comma-separated ({@code 30, 35, 40, ..., 400}). */
    @Parameter(property = "adversarial.drop.targetBins")
    private String targetBins;

    /** With {@code <targetBins>}: the target's content per bin, comma-separated. */
    @Parameter(property = "adversarial.drop.targetContents")
    private String targetContents;

    /** Entries examined per sample, from the first (the reference's {@code --n_tau}); empty: all. */
    @Parameter(property = "adversarial.drop.entries")
    private Long entries;

    /** The TRandom3 seed; 4357 (ROOT's default) gives the reference's decisions. */
    @Parameter(property = "adversarial.drop.seed", defaultValue = "4357")
    private long seed;

    /** The input tree. */
    @Parameter(property = "adversarial.drop.tree", defaultValue = "taus")
    private String tree;

    /** The spectrum's branch (GeV). */
    @Parameter(property = "adversarial.drop.branch", defaultValue = "tau_pt")
    private String branch;

    /** Where {@code <name>.root} go. */
    @Parameter(property = "adversarial.drop.outputDirectory",
            defaultValue = "${project.build.directory}/adversarial/drop")
    private File outputDirectory;

    /** Output compression: {@code zlib}, {@code lzma}, {@code lz4}, {@code zstd} or {@code none}. */
    @Parameter(property = "adversarial.drop.compression", defaultValue = "zlib")
    private String compression;

    /** Output compression level, 1 (fast) to 9 (small); 0 stores raw. */
    @Parameter(property = "adversarial.drop.compressionLevel", defaultValue = "1")
    private int compressionLevel;

    /** Threads decoding input branches; 0: every processor. */
    @Parameter(property = "adversarial.drop.threads", defaultValue = "0")
    private int threads;

    /**
     * Where the samples are thinned: {@code local} (this JVM) or {@code spark} (the observed spectrum aggregated over
     * Spark tasks, the entries examined as tasks that each start from the random stream's position at their first
     * entry, the output written by this JVM in entry order: byte-identical to {@code local}). {@code spark} needs
     * {@code io.github.tauml:pipeline-spark} and {@code org.apache.spark:spark-sql_2.13} as dependencies of the plugin
     * (docs/spark.md) and inputs every executor sees at the same path.
     */
    @Parameter(property = "adversarial.drop.executor", defaultValue = "local")
    private String executor;

    /**
     * The Spark master for {@code <executor>spark</executor>}: {@code local[*]}, {@code local[4]},
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}.
     */
    @Parameter(property = "adversarial.drop.sparkMaster", defaultValue = "local[*]")
    private String sparkMaster;

    /**
     * Spark settings passed through unchanged, e.g. {@code <spark.executor.memory>4g</spark.executor.memory>}
     * (pom only).
     */
    @Parameter
    private java.util.Map<String, String> sparkConf;

    /** Skips the goal. */
    @Parameter(property = "adversarial.drop.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    private List<DropRequest> requests() throws ConfigException {
        return DropConfig.requests(new DropConfig.Declaration(samples == null ? List.of()
                : samples.stream().map(DropSample::declaration).toList(), tree, branch, target, targetBins,
                targetContents, entries, seed, outputDirectory.toPath().toAbsolutePath().normalize(),
                compression, compressionLevel, threads), basedir.toPath().toAbsolutePath().normalize(), upstream());
    }

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        List<DropRequest> requests = requests();
        // Every input opened and every output directory checked before the first sample is written.
        List<ConfigException.Problem> problems = EventDrop.check(requests);
        if (!problems.isEmpty()) {
            throw new ConfigException("The drop cannot run as declared; no sample was dropped:", problems);
        }
        EventDrop.Runner runner = ExecutorConfig.drop(executor, sparkMaster, sparkConf, "adversarial.drop.",
                getClass().getClassLoader(), getLog()::info);
        for (DropRequest r : requests) {
            DropResult result = runner.run(r, getLog()::info);
            getLog().info(result.summary() + " -> " + result.output());
            result.table().forEach(line -> getLog().info("  " + line));
        }
    }

    /** The declaration: inputs that earlier executions write accepted, target histograms read. */
    @Override
    protected void check(Problems problems) throws Exception {
        requests();
    }

    @Override
    protected List<Path> declaredOutputs() {
        return samples == null ? List.of() : samples.stream().filter(s -> s.getName() != null)
                .map(s -> outputDirectory.toPath().resolve(s.getName().trim() + ".root")).toList();
    }

    @Override
    protected StageFiles files() {
        try {
            List<Path> inputs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (DropRequest r : requests()) {
                inputs.add(r.input());
                outputs.add(r.output());
            }
            Path targetFile = DropConfig.targetFile(target, basedir.toPath());
            if (targetFile != null) {
                inputs.add(targetFile);
            }
            return new StageFiles(EventDrop.FORMAT_VERSION, inputs, outputs);
        } catch (ConfigException e) {
            return null; // the run reports it
        }
    }
}
