package io.github.tauml.plugin;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.pipeline.dataset.SkimResult;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.rootio.compress.Compression;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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
public class SkimMojo extends AbstractMojo {

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

    /** Threads decoding input branches; 0 uses every available processor. */
    @Parameter(property = "adversarial.skim.threads", defaultValue = "0")
    private int threads;

    /** Skips the goal. */
    @Parameter(property = "adversarial.skim.skip", defaultValue = "false")
    private boolean skip;

    /** A sample as declared and as requested: what errors are mapped back to. */
    private record Declared(SkimSample sample, String name, String selection, String cut, SkimRequest request) {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping skim (adversarial.skim.skip=true)");
            return;
        }
        List<Declared> declared = declare();
        long start = System.nanoTime();
        validate(declared);
        getLog().info(String.format("Validated %d sample%s in %.1f s; selection: %s", declared.size(),
                declared.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9,
                blank(selection) ? "(none)" : oneLine(selection)));
        List<SkimResult> results = new ArrayList<>();
        for (Declared d : declared) {
            SkimResult r;
            try {
                r = Skim.run(d.request(), getLog()::info);
            } catch (SkimException e) {
                // An entry the expressions cannot evaluate (integer division by zero, index out of range).
                SkimException at = !e.element().equals("selection") || d.cut().isEmpty() ? e
                        : relabel(e, d.selection().isEmpty() ? "cut" : "selection+cut");
                throw new MojoFailureException("Sample " + d.name() + " failed; its output was not written"
                        + (results.isEmpty() ? "" : " (the samples before it were)") + ":\n"
                        + describe(d, at, true).render(List.of(d.name())));
            } catch (IOException e) {
                throw new MojoExecutionException("Could not skim sample " + d.name() + " into "
                        + d.request().output() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new MojoExecutionException("Unexpected error while skimming sample " + d.name() + " (a bug:"
                        + " please report it with the plugin configuration): " + e, e);
            }
            r.notes().forEach(n -> getLog().warn(d.name() + ": " + n));
            getLog().info(r.summary() + " -> " + r.output());
            results.add(r);
        }
        table(results);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The declaration: pom parameters to one immutable request per sample.

    private List<Declared> declare() throws MojoFailureException {
        if (samples == null || samples.isEmpty()) {
            throw new MojoFailureException("<samples> is empty: there is nothing to skim.\nFix: declare at least one"
                    + " <sample> with a <name> and <inputs>.");
        }
        Compression algorithm;
        try {
            algorithm = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<compression> (adversarial.skim.compression): " + e.getMessage());
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new MojoFailureException("<compressionLevel> (adversarial.skim.compressionLevel) must be 0..9, got "
                    + compressionLevel + ".\nFix: use 1 (fast, the default) to 9 (small), or 0 to store raw.");
        }
        if (threads < 0) {
            throw new MojoFailureException("<threads> (adversarial.skim.threads) must be 0 (every processor) or more,"
                    + " got " + threads);
        }
        if (blank(inputTree)) {
            throw new MojoFailureException("<inputTree> (adversarial.skim.inputTree) is empty.\nFix: name the tree to"
                    + " skim, e.g. taus.");
        }
        boolean anyTauType = computeTauType || (samples != null && samples.stream().anyMatch(this::computesTauType));
        if (anyTauType && blank(tauType)) {
            throw new MojoFailureException("<tauType> (adversarial.skim.tauType) is empty.\nFix: name the column,"
                    + " e.g. mytauType, or set <computeTauType>false</computeTauType>.");
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Path base = basedir.toPath().toAbsolutePath().normalize();
        List<ComputedColumn> shared = computed(columns, "<columns>");
        List<Declared> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<Path, String> outputs = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            SkimSample s = samples.get(i);
            String name = s.getName() == null ? "" : s.getName().trim();
            if (name.isEmpty()) {
                throw new MojoFailureException("<samples>: sample " + (i + 1) + " has no <name>.\nFix: give every"
                        + " <sample> a <name>, e.g. <name>DY_taus</name>; it names the default output file.");
            }
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new MojoFailureException(element(name, "name") + ": '" + name + "' cannot name a file.\nFix: use"
                        + " letters, digits and _ . + - only.");
            }
            if (names.put(name, name) != null) {
                throw new MojoFailureException("<samples>: two samples are named " + name + ".\nFix: give every"
                        + " <sample> its own <name>.");
            }
            List<String> inputs = s.getInputs() == null ? List.of()
                    : s.getInputs().stream().filter(x -> x != null && !x.isBlank()).map(String::trim).toList();
            if (inputs.isEmpty()) {
                throw new MojoFailureException(element(name, "inputs") + " is empty.\nFix: list ROOT files, globs,"
                        + " directories or .txt lists, e.g. <inputs><input>ntuples/DY.root</input></inputs>.");
            }
            List<ComputedColumn> cols = new ArrayList<>(shared);
            cols.addAll(computed(s.getColumns(), element(name, "columns")));
            EntryRange in = range(s.getInputRange(), element(name, "inputRange"));
            EntryRange outRange = range(s.getOutputRange(), element(name, "outputRange"));
            Path output = (s.getOutput() != null ? s.getOutput() : new File(outputDirectory, name + ".root")).toPath();
            output = base.resolve(output).toAbsolutePath().normalize();
            String other = outputs.put(output, name);
            if (other != null) {
                throw new MojoFailureException(element(name, "output") + ": samples " + other + " and " + name
                        + " would both write " + output + ".\nFix: give one of them another <output> or <name>.");
            }
            String sel = blank(selection) ? "" : selection.trim();
            String cut = blank(s.getCut()) ? "" : s.getCut().trim();
            SkimRequest request = new SkimRequest(name, base, inputs, blank(inputPrefix) ? null : inputPrefix,
                    inputTree.trim(), blank(outputTree) ? null : outputTree.trim(), and(sel, cut),
                    computesTauType(s) ? tauType.trim() : null, cols, list(include), list(exclude),
                    list(otherTrees), in, outRange, output, algorithm, compressionLevel, n);
            out.add(new Declared(s, name, sel, cut, request));
        }
        return out;
    }

    /** The shared selection and a sample's cut, as one expression. */
    static String and(String selection, String cut) {
        if (selection.isEmpty()) {
            return cut;
        }
        return cut.isEmpty() ? selection : "(" + selection + ") && (" + cut + ")";
    }

    private static List<ComputedColumn> computed(List<SkimColumn> declared, String element)
            throws MojoFailureException {
        List<ComputedColumn> out = new ArrayList<>();
        if (declared == null) {
            return out;
        }
        for (int i = 0; i < declared.size(); i++) {
            SkimColumn c = declared.get(i);
            String name = c.getName() == null ? "" : c.getName().trim();
            String at = element + "<column name=\"" + name + "\">";
            if (name.isEmpty()) {
                throw new MojoFailureException(element + ": column " + (i + 1) + " has no <name>.\nFix: write"
                        + " <column><name>pt2</name><expression>tau_pt*tau_pt</expression></column>.");
            }
            if (blank(c.getExpression())) {
                throw new MojoFailureException(at + " has no <expression>.\nFix: give it a ROOT C++ expression, e.g."
                        + " <expression>tau_pt / tau_mass</expression>.");
            }
            try {
                out.add(new ComputedColumn(name, c.getExpression().trim()));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(at + ": " + e.getMessage() + ".\nFix: use letters, digits and _,"
                        + " not starting with a digit.");
            }
        }
        return out;
    }

    private static EntryRange range(String value, String element) throws MojoFailureException {
        try {
            return EntryRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(element + ": " + e.getMessage() + ".\nFix: write begin:end as skim_tree"
                    + " does (0:1000, 500: or :1000).");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Validation of every sample before any is written, and errors mapped back to pom elements.

    private void validate(List<Declared> declared) throws MojoExecutionException, MojoFailureException {
        // A problem with a shared element (the selection, say) shows once, naming every sample it affects.
        Map<Problem, List<String>> problems = new LinkedHashMap<>();
        for (Declared d : declared) {
            try {
                Skim.validate(d.request());
            } catch (SkimException e) {
                for (SkimException part : e.element().equals("selection") ? diagnose(d, e) : List.of(e)) {
                    problems.computeIfAbsent(describe(d, part, false), k -> new ArrayList<>()).add(d.name());
                }
            } catch (IOException e) {
                throw new MojoExecutionException(element(d.name(), "inputs") + ": could not read the first input of"
                        + " sample " + d.name() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new MojoExecutionException("Unexpected error while validating sample " + d.name() + " (a bug:"
                        + " please report it with the plugin configuration): " + e, e);
            }
        }
        if (!problems.isEmpty()) {
            List<String> texts = new ArrayList<>();
            problems.forEach((p, names) -> texts.add(p.render(names)));
            String head = texts.size() == 1 ? "The skim declaration has a problem; no sample was skimmed:\n"
                    : "The skim declaration has " + texts.size() + " problems; no sample was skimmed:\n";
            throw new MojoFailureException(head + String.join("\n", texts));
        }
    }

    /**
     * The combined {@code (selection) && (cut)} failed to compile: compiles the two parts alone, so that each error,
     * and its caret, points into what the user wrote: element {@code selection} (shared) or {@code cut}.
     */
    private static List<SkimException> diagnose(Declared d, SkimException combined) throws MojoExecutionException {
        if (d.selection().isEmpty() || d.cut().isEmpty()) {
            return List.of(d.selection().isEmpty() ? relabel(combined, "cut") : combined);
        }
        List<SkimException> out = new ArrayList<>();
        for (String[] part : new String[][] {{d.selection(), "selection"}, {d.cut(), "cut"}}) {
            try {
                Skim.validate(withSelection(d.request(), part[0]));
            } catch (SkimException e) {
                if (e.element().equals("selection")) {
                    out.add(relabel(e, part[1]));
                }
            } catch (IOException e) {
                throw new MojoExecutionException(element(d.name(), "inputs") + ": " + e.getMessage(), e);
            }
        }
        return out.isEmpty() ? List.of(relabel(combined, "selection+cut")) : out;
    }

    private static SkimException relabel(SkimException e, String element) {
        return new SkimException(element, e.getMessage(), e.getCause());
    }

    private static SkimRequest withSelection(SkimRequest r, String selection) {
        return new SkimRequest(r.sample(), r.baseDirectory(), r.inputs(), r.inputPrefix(), r.inputTree(),
                r.outputTree(), selection, r.tauType(), r.columns(), r.include(), r.exclude(), r.otherTrees(),
                r.inputRange(), r.outputRange(), r.output(), r.compression(), r.level(), r.threads());
    }

    /**
     * A problem under the pom element at fault, with the fix. {@code detail} keeps an expression error's source and
     * caret lines. A shared element's problem names no sample, so that equal problems of several samples are one.
     */
    private record Problem(String element, String property, boolean shared, String detail, String fix) {
        String render(List<String> samples) {
            List<String> notes = new ArrayList<>();
            if (property != null) {
                notes.add(property);
            }
            if (shared) {
                notes.add((samples.size() == 1 ? "sample " : "samples ") + String.join(", ", samples));
            }
            return element + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")") + ": " + detail
                    + "\nFix: " + fix;
        }
    }

    /**
     * @param duringRun the error comes from evaluating entries: the message keeps the input file it names, and the
     *                  expression shown is the one evaluated (for a sample with a cut, {@code (selection) && (cut)})
     */
    private Problem describe(Declared d, SkimException e, boolean duringRun) {
        String name = d.name();
        String el = e.element();
        String detail = !duringRun && e.getCause() instanceof ExpressionException x ? x.getMessage()
                : strip(e.getMessage(), name).replaceFirst(java.util.regex.Pattern.quote(el + ": "), "");
        if (el.startsWith("columns/")) {
            String column = el.substring("columns/".length());
            boolean own = d.sample().getColumns() != null && d.sample().getColumns().stream()
                    .anyMatch(c -> c.getName() != null && c.getName().trim().equals(column));
            String at = (own ? element(name, "columns") : "<columns>") + "<column name=\"" + column + "\">";
            return new Problem(at, null, !own, detail, "correct the column's <expression> or <name>.");
        }
        return switch (el) {
            case "selection" -> new Problem("<selection>", "adversarial.skim.selection", true, detail,
                    "correct the shared <selection>; in a pom, write it inside <![CDATA[ ... ]]> so that && and <"
                    + " need no escaping.");
            case "cut" -> new Problem(element(name, "cut"), null, false, detail, "correct the <cut> of sample " + name
                    + "; it is applied as (<selection>) && (<cut>).");
            case "selection+cut" -> new Problem(element(name, "cut") + " with <selection>, applied as"
                    + " (selection) && (cut)", null, false, detail, "correct the <cut> of sample " + name
                    + " or the shared <selection>.");
            case "inputs" -> new Problem(element(name, "inputs"), null, false, detail, "list existing ROOT files, globs,"
                    + " directories or .txt lists; relative paths resolve against " + basedir + ".");
            case "inputTree" -> new Problem("<inputTree>", "adversarial.skim.inputTree", true, detail,
                    "name a tree the inputs hold.");
            case "tauType" -> new Problem("<tauType>", "adversarial.skim.tauType", true, detail, "rename <tauType>,"
                    + " or set <computeTauType>false</computeTauType> (-Dadversarial.skim.computeTauType=false) for"
                    + " inputs without generator truth.");
            case "include", "exclude", "otherTrees" -> new Problem("<" + el + ">", "adversarial.skim." + el,
                    true, detail, "correct <" + el + ">.");
            case "output" -> new Problem(element(name, "output"), null, false, detail, "write the output elsewhere.");
            default -> new Problem(element(name, el), null, false, detail, "correct the declaration of sample " + name
                    + ".");
        };
    }

    /** {@code <samples><sample name="DY_taus"><cut>}: where in the pom a sample's setting is. */
    static String element(String sample, String child) {
        return "<samples><sample name=\"" + sample + "\"><" + child + ">";
    }

    private static String strip(String message, String sample) {
        String prefix = sample + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small helpers and the summary table.

    private void table(List<SkimResult> results) {
        int w = Math.max("sample".length(), results.stream().mapToInt(r -> r.sample().length()).max().orElse(0));
        String fmt = "  %-" + w + "s %6s %12s %12s %9s %9s %14s";
        getLog().info("Skim summary:");
        getLog().info(String.format(fmt, "sample", "files", "read", "passed", "eff.", "seconds", "entries/s"));
        long read = 0;
        long passed = 0;
        int files = 0;
        double seconds = 0;
        for (SkimResult r : results) {
            getLog().info(row(fmt, r.sample(), r.files(), r.read(), r.passed(), r.seconds()));
            read += r.read();
            passed += r.passed();
            files += r.files();
            seconds += r.seconds();
        }
        if (results.size() > 1) {
            getLog().info(row(fmt, "total", files, read, passed, seconds));
        }
    }

    private static String row(String fmt, String name, int files, long read, long passed, double seconds) {
        return String.format(Locale.ROOT, fmt, name, files, String.format("%,d", read), String.format("%,d", passed),
                String.format(Locale.ROOT, "%.2f %%", read == 0 ? 0 : 100.0 * passed / read),
                String.format(Locale.ROOT, "%.1f", seconds),
                String.format("%,.0f", read / Math.max(seconds, 1e-9)));
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String oneLine(String s) {
        return s.trim().replaceAll("\\s*\\n\\s*", " ");
    }

    private boolean computesTauType(SkimSample sample) {
        return sample.getComputeTauType() != null ? sample.getComputeTauType() : computeTauType;
    }
}
