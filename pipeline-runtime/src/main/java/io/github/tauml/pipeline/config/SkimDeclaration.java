package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.pipeline.exec.OutputGuard;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.pipeline.toy.ToySettings;
import io.github.tauml.rootio.compress.Compression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code skim} goal's declaration as the pom gives it (strings and lists, nothing parsed yet), and its
 * translation into one {@link SkimRequest} per sample. Every problem found names the pom element at fault and says
 * how to fix it; {@link #requests()} reports all problems of the declaration's shape at once, and
 * {@link #validate(List)} every problem of the expressions and inputs, before anything is written.
 *
 * @param basedir          the project directory: relative inputs and outputs resolve against it
 * @param samples          the {@code <samples>}
 * @param inputTree        the tree to skim ({@code <inputTree>})
 * @param outputTree       the output tree's name, or blank for the input tree's
 * @param selection        the shared selection, a ROOT C++ expression, or blank
 * @param computeTauType   whether samples compute the true τ type unless they say otherwise
 * @param tauType          the true-τ-type column's name
 * @param columns          computed columns of every sample
 * @param include          columns to write (exact or {@code ^regex}); empty: all
 * @param exclude          columns not to write
 * @param otherTrees       trees copied whole into every output
 * @param inputPrefix      prefix of relative {@code .txt} list lines, or blank
 * @param outputDirectory  where {@code <name>.root} goes unless a sample gives {@code <output>}
 * @param compression      {@code zlib}, {@code lzma}, {@code lz4}, {@code zstd} or {@code none}
 * @param compressionLevel 0..9
 * @param threads          decoding threads; 0 means every processor
 */
public record SkimDeclaration(Path basedir, List<Sample> samples, String inputTree, String outputTree,
                              String selection, boolean computeTauType, String tauType, List<Column> columns,
                              List<String> include, List<String> exclude, List<String> otherTrees,
                              String inputPrefix, Path outputDirectory, String compression, int compressionLevel,
                              int threads) {

    /** Where the goal's settings live in the pom and on the command line. */
    private static final String PROPERTY = "adversarial.skim.";

    /** A {@code <sample>}: null fields were not declared. */
    public record Sample(String name, List<String> inputs, String cut, List<Column> columns, String inputRange,
                         String outputRange, Path output, Boolean computeTauType) {
    }

    /** A {@code <column>} with {@code <name>} and {@code <expression>}. */
    public record Column(String name, String expression) {
    }

    /** A sample as declared and as requested: what run-time errors are mapped back to. */
    public record Declared(Sample sample, String name, String selection, String cut, SkimRequest request) {
    }

    public SkimDeclaration {
        Objects.requireNonNull(basedir, "basedir");
        samples = samples == null ? List.of() : List.copyOf(samples);
        columns = columns == null ? List.of() : List.copyOf(columns);
        include = trimmed(include);
        exclude = trimmed(exclude);
        otherTrees = trimmed(otherTrees);
    }

    /** {@code <samples><sample name="DY_taus"><cut>}: where in the pom a sample's setting is. */
    public static String element(String sample, String child) {
        return "<samples><sample name=\"" + sample + "\"><" + child + ">";
    }

    /** One request per sample, in declaration order; every problem of the declaration's shape reported at once. */
    public List<Declared> requests() throws ConfigException {
        Problems problems = new Problems();
        if (samples.isEmpty()) {
            problems.add("<samples>", "is empty: there is nothing to skim",
                    "declare at least one <sample> with a <name> and <inputs>.").throwIfAny();
        }
        Compression algorithm = Compression.ZLIB;
        try {
            algorithm = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            problems.add("<compression> (" + PROPERTY + "compression)", e.getMessage(),
                    "use zlib, lzma, lz4, zstd or none.");
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            problems.add("<compressionLevel> (" + PROPERTY + "compressionLevel)", "must be 0..9, got "
                    + compressionLevel, "use 1 (fast, the default) to 9 (small), or 0 to store raw.");
        }
        if (threads < 0) {
            problems.add("<threads> (" + PROPERTY + "threads)", "must be 0 (every processor) or more, got "
                    + threads, "use 0, or a positive number of threads.");
        }
        if (blank(inputTree)) {
            problems.add("<inputTree> (" + PROPERTY + "inputTree)", "is empty", "name the tree to skim, e.g. taus.");
        }
        boolean anyTauType = computeTauType || samples.stream().anyMatch(s -> Boolean.TRUE.equals(s.computeTauType()));
        if (anyTauType && blank(tauType)) {
            problems.add("<tauType> (" + PROPERTY + "tauType)", "is empty",
                    "name the column, e.g. mytauType, or set <computeTauType>false</computeTauType>.");
        }
        int n = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Path base = basedir.toAbsolutePath().normalize();
        List<ComputedColumn> shared = computed(columns, "<columns>", problems);
        List<Declared> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<Path, String> outputs = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String name = s.name() == null ? "" : s.name().trim();
            if (name.isEmpty()) {
                problems.add("<samples>", "sample " + (i + 1) + " has no <name>", "give every <sample> a <name>,"
                        + " e.g. <name>DY_taus</name>; it names the default output file.");
                continue;
            }
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                problems.add(element(name, "name"), "'" + name + "' cannot name a file",
                        "use letters, digits and _ . + - only.");
                continue;
            }
            if (names.putIfAbsent(name, i) != null) {
                problems.add("<samples>", "two samples are named " + name, "give every <sample> its own <name>.");
                continue;
            }
            List<String> inputs = trimmed(s.inputs());
            if (inputs.isEmpty()) {
                problems.add(element(name, "inputs"), "is empty", "list ROOT files, globs, directories or .txt"
                        + " lists, e.g. <inputs><input>ntuples/DY.root</input></inputs>.");
            }
            List<ComputedColumn> cols = new ArrayList<>(shared);
            cols.addAll(computed(s.columns() == null ? List.of() : s.columns(), element(name, "columns"), problems));
            EntryRange in = range(s.inputRange(), element(name, "inputRange"), problems);
            EntryRange outRange = range(s.outputRange(), element(name, "outputRange"), problems);
            Path output = base.resolve(s.output() != null ? s.output() : outputDirectory.resolve(name + ".root"))
                    .toAbsolutePath().normalize();
            String other = outputs.put(output, name);
            if (other != null) {
                problems.add(element(name, "output"), "samples " + other + " and " + name + " would both write "
                        + output, "give one of them another <output> or <name>.");
            }
            if (!problems.isEmpty()) {
                continue;
            }
            String sel = blank(selection) ? "" : selection.trim();
            String cut = blank(s.cut()) ? "" : s.cut().trim();
            boolean tau = s.computeTauType() != null ? s.computeTauType() : computeTauType;
            SkimRequest request = new SkimRequest(name, base, inputs, blank(inputPrefix) ? null : inputPrefix,
                    inputTree.trim(), blank(outputTree) ? null : outputTree.trim(), and(sel, cut),
                    tau ? tauType.trim() : null, cols, include, exclude, otherTrees, in, outRange, output, algorithm,
                    compressionLevel, n);
            out.add(new Declared(s, name, sel, cut, request));
        }
        problems.throwIfAny();
        return out;
    }

    /**
     * Compiles every sample's expressions against its inputs and checks its columns and trees, opening every input
     * of every sample (header, tree, the branches read, {@code <otherTrees>}) and checking that every output directory
     * can be created, before any output is written; every problem of every sample is reported at once. A problem with a shared element (the selection, say) shows once, naming every sample it affects.
     *
     * @throws IOException an input could not be read
     */
    public void validate(List<Declared> declared) throws ConfigException, IOException {
        Map<ConfigException.Problem, List<String>> found = new LinkedHashMap<>();
        Map<ConfigException.Problem, Boolean> isShared = new HashMap<>();
        Set<String> ownOutputProblem = new HashSet<>();
        // Sample a may not write over what sample b reads (b would skim a's output and the build succeed).
        OutputGuard guard = new OutputGuard();
        Map<String, List<Path>> inputsOf = new HashMap<>();
        for (Declared d : declared) {
            Skim.Check check = Skim.check(d.request());
            guard.input(element(d.name(), "inputs"), check.inputs());
            inputsOf.put(d.name(), check.inputs());
            for (SkimException e : check.problems()) {
                if (e.element().equals("output")) {
                    ownOutputProblem.add(d.name());
                }
                for (SkimException part : e.element().equals("selection") ? diagnose(d, e) : List.of(e)) {
                    Located p = locate(d, part, false);
                    found.computeIfAbsent(p.problem(), k -> new ArrayList<>()).add(d.name());
                    isShared.put(p.problem(), p.shared());
                }
            }
        }
        Problems problems = new Problems();
        found.forEach((p, names) -> problems.add(isShared.get(p) ? withSamples(p.element(), names) : p.element(),
                p.message(), p.fix()));
        for (Declared d : declared) {
            if (ownOutputProblem.contains(d.name())) {
                continue;
            }
            guard.output(d.sample().output() != null ? element(d.name(), "output")
                    : "<outputDirectory> (" + PROPERTY + "outputDirectory) for sample " + d.name(), d.request().output());
        }
        guard.check(problems);
        // Toy inputs of two different toy runs (a run stopped between samples, a seed changed) must not be mixed.
        Map<Path, String> readers = new LinkedHashMap<>();
        for (Declared d : declared) {
            for (Path p : inputsOf.getOrDefault(d.name(), List.of())) {
                readers.putIfAbsent(p, d.name());
            }
        }
        Optional<ToySettings.Mixed> mixed = ToySettings.mixed(List.copyOf(readers.keySet()));
        if (mixed.isPresent()) {
            ToySettings.Mixed m = mixed.get();
            String a = readers.get(m.first());
            String b = readers.get(m.second());
            problems.add(element(b, "inputs"), (a.equals(b) ? "" : "sample " + a + " reads " + m.first()
                    + ", sample " + b + " reads " + m.second() + ": ") + m.message(), "run the toy-ntuples goal"
                    + " again (all its samples with one seed and one set of settings), or point the samples at"
                    + " files of one toy run.");
        }
        problems.throwIfAny();
    }

    /**
     * A run-time failure of one sample (an entry the expressions cannot evaluate: integer division by zero, an index
     * out of range) as a problem at the element whose expression failed.
     */
    public ConfigException failure(Declared d, SkimException e) {
        SkimException at = !e.element().equals("selection") || d.cut().isEmpty() ? e
                : relabel(e, d.selection().isEmpty() ? "cut" : "selection+cut");
        Located p = locate(d, at, true);
        String element = p.shared() ? withSamples(p.problem().element(), List.of(d.name())) : p.problem().element();
        return new ConfigException(element, p.problem().message(), p.problem().fix());
    }

    /** The shared selection and a sample's cut, as one expression. */
    public static String and(String selection, String cut) {
        if (selection.isEmpty()) {
            return cut;
        }
        return cut.isEmpty() ? selection : "(" + selection + ") && (" + cut + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The combined {@code (selection) && (cut)} failed: compile each alone, so that the caret points into it. */
    private static List<SkimException> diagnose(Declared d, SkimException combined) throws IOException {
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

    /** A problem, and whether its element is shared by every sample (then it names the samples it affects). */
    private record Located(ConfigException.Problem problem, boolean shared) {
    }

    /**
     * @param duringRun the error comes from evaluating entries: the message keeps the input file it names, and the
     *                  expression shown is the one evaluated (for a sample with a cut, {@code (selection) && (cut)})
     */
    private Located locate(Declared d, SkimException e, boolean duringRun) {
        String name = d.name();
        String el = e.element();
        String detail = !duringRun && e.getCause() instanceof ExpressionException x ? x.getMessage()
                : strip(e.getMessage(), name).replaceFirst(java.util.regex.Pattern.quote(el + ": "), "");
        if (el.startsWith("columns/")) {
            String column = el.substring("columns/".length());
            boolean own = d.sample().columns() != null && d.sample().columns().stream()
                    .anyMatch(c -> c.name() != null && c.name().trim().equals(column));
            String at = (own ? element(name, "columns") : "<columns>") + "<column name=\"" + column + "\">";
            return new Located(problem(at, detail, "correct the column's <expression> or <name>."), !own);
        }
        return switch (el) {
            case "selection" -> new Located(problem("<selection> (" + PROPERTY + "selection)", detail,
                    "correct the shared <selection>; in a pom, write it inside <![CDATA[ ... ]]> so that && and <"
                    + " need no escaping."), true);
            case "cut" -> new Located(problem(element(name, "cut"), detail, "correct the <cut> of sample " + name
                    + "; it is applied as (<selection>) && (<cut>)."), false);
            case "selection+cut" -> new Located(problem(element(name, "cut") + " with <selection>, applied as"
                    + " (selection) && (cut)", detail, "correct the <cut> of sample " + name
                    + " or the shared <selection>."), false);
            case "inputs" -> new Located(problem(element(name, "inputs"), detail, "list existing ROOT files, globs,"
                    + " directories or .txt lists; relative paths resolve against " + basedir + "."), false);
            case "inputTree" -> new Located(problem("<inputTree> (" + PROPERTY + "inputTree)", detail,
                    "name a tree the inputs hold."), true);
            case "tauType" -> new Located(problem("<tauType> (" + PROPERTY + "tauType)", detail, "rename <tauType>,"
                    + " or set <computeTauType>false</computeTauType> (-D" + PROPERTY + "computeTauType=false) for"
                    + " inputs without generator truth."), true);
            case "include", "exclude", "otherTrees" -> new Located(problem("<" + el + "> (" + PROPERTY + el + ")",
                    detail, "correct <" + el + ">."), true);
            case "output" -> new Located(problem(element(name, "output"), detail, "write the output elsewhere."),
                    false);
            case "outputDirectory" -> d.sample().output() != null
                    ? new Located(problem(element(name, "output"), detail, "give an <output> in a directory that"
                            + " can be created and written."), false)
                    : new Located(problem("<outputDirectory> (" + PROPERTY + "outputDirectory)", detail,
                            "point <outputDirectory> at a directory that can be created and written."), true);
            case "executor" -> new Located(problem("<executor> (" + PROPERTY + "executor)", detail, "read the Spark"
                    + " driver's and executors' logs; -D" + PROPERTY + "executor=local runs the same skim here and"
                    + " shows whether the inputs or the cluster are at fault."), true);
            default -> new Located(problem(element(name, el), detail, "correct the declaration of sample " + name
                    + "."), false);
        };
    }

    private static ConfigException.Problem problem(String element, String message, String fix) {
        return new ConfigException.Problem(element, message, fix);
    }

    /** {@code <selection> (adversarial.skim.selection)} → {@code <selection> (adversarial.skim.selection; samples a, b)}. */
    private static String withSamples(String element, List<String> samples) {
        String note = (samples.size() == 1 ? "sample " : "samples ") + String.join(", ", samples);
        return element.endsWith(")") ? element.substring(0, element.length() - 1) + "; " + note + ")"
                : element + " (" + note + ")";
    }

    private static List<ComputedColumn> computed(List<Column> declared, String element, Problems problems) {
        List<ComputedColumn> out = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Column c = declared.get(i);
            String name = c.name() == null ? "" : c.name().trim();
            String at = element + "<column name=\"" + name + "\">";
            if (name.isEmpty()) {
                problems.add(element, "column " + (i + 1) + " has no <name>",
                        "write <column><name>pt2</name><expression>tau_pt*tau_pt</expression></column>.");
            } else if (blank(c.expression())) {
                problems.add(at, "has no <expression>", "give it a ROOT C++ expression, e.g."
                        + " <expression>tau_pt / tau_mass</expression>.");
            } else {
                try {
                    out.add(new ComputedColumn(name, c.expression().trim()));
                } catch (IllegalArgumentException e) {
                    problems.add(at, e.getMessage(), "use letters, digits and _, not starting with a digit.");
                }
            }
        }
        return out;
    }

    private static EntryRange range(String value, String element, Problems problems) {
        try {
            return EntryRange.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(element, e.getMessage(), "write begin:end as skim_tree does (0:1000, 500: or :1000).");
            return EntryRange.ALL;
        }
    }

    private static String strip(String message, String sample) {
        String prefix = sample + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static List<String> trimmed(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
