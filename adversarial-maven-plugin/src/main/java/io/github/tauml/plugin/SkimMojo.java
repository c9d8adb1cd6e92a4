package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.ExecutorConfig;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.SkimDeclaration;
import io.github.tauml.pipeline.dataset.InputFiles;
import io.github.tauml.pipeline.dataset.SkimStage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;


/**
 * Skims ntuples as TauMLTools' {@code skim_tree.py} does, for several samples in one declaration: the true τ type
 * ({@code mytauType}, reference workflow §2.3) and the computed columns first, then the selection (a ROOT C++
 * expression, pasted verbatim), then the column lists; one output ROOT file per sample, written to a temporary name
 * and moved into place when complete.
 *
 * <p>Shared settings (tree, selection, columns, column lists, compression) sit at the top level; each
 * {@code <sample>} has its inputs, an extra {@code <cut>} (applied as {@code (selection) && (cut)}), its own
 * {@code <columns>}, entry ranges and output. Every sample is validated (inputs resolved, every expression compiled
 * against its first input) before any is written, so a bad cut in the last sample fails the build before the first
 * output exists. The samples then run one after another, each decoding its input with {@code <threads>} threads.
 */
@Mojo(name = "skim", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class SkimMojo extends StageMojo {

    /** Relative inputs and outputs resolve against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    /**
     * The samples, each with {@code <name>}, {@code <inputs>}, and optionally {@code <cut>}, {@code <columns>},
     * {@code <inputRange>}, {@code <outputRange>} and {@code <output>}.
     */
    @Parameter(required = true)
    private List<SkimSample> samples;

    /** The tree to skim in every input (skim_tree's {@code --input-tree}). */
    @Parameter(property = "adversarial.skim.inputTree", defaultValue = "taus")
    private String inputTree;

    /** The name of the skimmed tree in the outputs; empty: the input tree's name. */
    @Parameter(property = "adversarial.skim.outputTree")
    private String outputTree;

    /**
     * The selection every sample applies: a ROOT C++ expression, as {@code TTree::Draw} or RDataFrame's
     * {@code Filter} take it. In a pom, put it inside {@code <![CDATA[ ... ]]>} so that {@code &&} and {@code <}
     * need no escaping. Empty: every entry passes (unless a sample has a {@code <cut>}).
     */
    @Parameter(property = "adversarial.skim.selection")
    private String selection;

    /** Whether to compute the true τ type (reference workflow §2.3) into the column named by {@code <tauType>}. */
    @Parameter(property = "adversarial.skim.computeTauType", defaultValue = "true")
    private boolean computeTauType;

    /** The column the true τ type is written to, usable in the selection and the cuts. */
    @Parameter(property = "adversarial.skim.tauType", defaultValue = "mytauType")
    private String tauType;

    /** Computed columns for every sample, {@code <column><name>..</name><expression>..</expression></column>}. */
    @Parameter
    private List<SkimColumn> columns;

    /** Columns to write: exact names or {@code ^regex} (matched from the start of the name). Empty: all. */
    @Parameter(property = "adversarial.skim.include")
    private List<String> include;

    /** Columns not to write: exact names or {@code ^regex}. */
    @Parameter(property = "adversarial.skim.exclude")
    private List<String> exclude;

    /** Other trees copied whole (over all inputs) into every output, as skim_tree's {@code --other-trees}. */
    @Parameter(property = "adversarial.skim.otherTrees")
    private List<String> otherTrees;

    /** Prefix for relative lines of {@code .txt} input lists (skim_tree's {@code --input-prefix}). */
    @Parameter(property = "adversarial.skim.inputPrefix")
    private String inputPrefix;

    /** Where outputs go unless a sample sets {@code <output>}: {@code <outputDirectory>/<name>.root}. */
    @Parameter(property = "adversarial.skim.outputDirectory",
            defaultValue = "${project.build.directory}/adversarial/skim")
    private File outputDirectory;

    /**
     * Output compression: {@code zlib}, {@code lzma}, {@code lz4}, {@code zstd} or {@code none}. skim_tree's default
     * is LZMA level 9, about twenty times slower than zlib 1 on toy ntuples for files some 14 % smaller.
     */
    @Parameter(property = "adversarial.skim.compression", defaultValue = "zlib")
    private String compression;

    /** Output compression level, 1 (fast) to 9 (small); 0 stores raw. */
    @Parameter(property = "adversarial.skim.compressionLevel", defaultValue = "1")
    private int compressionLevel;

    /**
     * Threads of each sample's skim: 1 decodes, selects and compresses in one thread; more overlap them (a reader
     * thread, branches decoded and output baskets compressed on this many threads). 0 uses every available
     * processor. The output bytes do not depend on it. With the Spark executor: the threads compressing the output
     * on the driver.
     */
    @Parameter(property = "adversarial.skim.threads", defaultValue = "0")
    private int threads;

    /**
     * Where the samples are skimmed: {@code local} (this JVM) or {@code spark} (decoding and selection as Spark
     * tasks, the output merged and written by this JVM, byte-identical to {@code local}). {@code spark} needs
     * {@code io.github.tauml:pipeline-spark} and {@code org.apache.spark:spark-sql_2.13} as dependencies of the plugin
     * (docs/spark.md) and inputs every executor sees at the same path.
     */
    @Parameter(property = "adversarial.skim.executor", defaultValue = "local")
    private String executor;

    /**
     * The Spark master for {@code <executor>spark</executor>}: {@code local[*]}, {@code local[4]},
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}.
     */
    @Parameter(property = "adversarial.skim.sparkMaster", defaultValue = "local[*]")
    private String sparkMaster;

    /**
     * Spark settings passed through unchanged, e.g. {@code <spark.executor.memory>4g</spark.executor.memory>}
     * (pom only).
     */
    @Parameter
    private Map<String, String> sparkConf;

    /** Skips the goal. */
    @Parameter(property = "adversarial.skim.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        SkimStage.run(declaration(), new MavenStageLog(getLog()), ExecutorConfig.skim(executor, sparkMaster,
                sparkConf, "adversarial.skim.", getClass().getClassLoader(), getLog()::info));
    }

    /**
     * Every sample's resolved inputs and its output; null (always run) when the declaration does not resolve. A
     * sample whose inputs an earlier execution writes (validate goal) lists them as declared, unresolved.
     */
    @Override
    protected StageFiles files() {
        List<Path> inputs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (SkimDeclaration.Declared d : declaration().requests()) {
                if (pending(d)) {
                    d.request().inputs().forEach(i -> inputs.add(d.request().baseDirectory().resolve(i)));
                } else {
                    inputs.addAll(InputFiles.resolve(d.request().baseDirectory(), d.request().inputs(),
                            d.request().inputPrefix()));
                }
                outputs.add(d.request().output());
            }
        } catch (ConfigException | InputFiles.InputException e) {
            return null; // the run reports it, with every other problem
        }
        return new StageFiles(SkimStage.FORMAT_VERSION, inputs, outputs);
    }

    /**
     * The declaration's shape, then every sample whose inputs exist now: its expressions compiled against its inputs,
     * its columns and trees checked (as the stage does before it writes). Samples whose inputs an earlier execution
     * writes are checked for their shape only.
     */
    @Override
    protected void check(Problems problems) throws Exception {
        SkimDeclaration declaration = declaration();
        List<SkimDeclaration.Declared> declared = declaration.requests();
        declaration.validate(declared.stream().filter(d -> !pending(d)).toList());
    }

    @Override
    protected List<Path> declaredOutputs() {
        Path base = basedir.toPath();
        return samples == null ? List.of() : samples.stream().filter(s -> s.getName() != null)
                .map(s -> s.getOutput() != null ? base.resolve(s.getOutput().toPath())
                        : base.resolve(outputDirectory.toPath()).resolve(s.getName().trim() + ".root")).toList();
    }

    /** Whether some input of the sample is not there yet and an earlier execution writes it. */
    private boolean pending(SkimDeclaration.Declared d) {
        return d.request().inputs().stream()
                .anyMatch(i -> upstream().pendingPattern(d.request().baseDirectory(), i));
    }

    private SkimDeclaration declaration() {
        return new SkimDeclaration(basedir.toPath(), samples == null ? List.of()
                : samples.stream().map(SkimSample::declared).toList(), inputTree, outputTree, selection,
                computeTauType, tauType, SkimColumn.declared(columns), include, exclude, otherTrees, inputPrefix,
                outputDirectory.toPath(), compression, compressionLevel, threads);
    }
}
