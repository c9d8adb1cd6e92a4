package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.expr.ColumnType;
import io.github.tauml.pipeline.expr.Expression;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.Names;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * The skim stage ({@code skim_tree.py}): computed columns (the true τ type first, then the user's), then the
 * selection, then the column lists, streamed batch by batch from the inputs into one output file, which appears
 * only when complete.
 */
public final class Skim {
    /** Entries decoded per batch: large enough for the compiled selection to run at full speed. */
    static final int BATCH = 16_384;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final SkimRequest request;
    private final Consumer<String> log;

    private Skim(SkimRequest request, Consumer<String> log) {
        this.request = request;
        this.log = log;
    }

    public static SkimResult run(SkimRequest request, Consumer<String> log) throws SkimException, IOException {
        return new Skim(request, log).run();
    }

    /**
     * What {@link #run} would do, worked out without writing anything: the inputs are resolved, every expression
     * (computed columns and selection) is compiled against the first input's branches, and every input is opened
     * (header and tree, with the branches the skim reads, of the same types as in the first). A build that declares
     * several samples validates all of them first, so that a bad cut or a damaged file in the last sample fails
     * before the first one is written.
     *
     * @param inputs        the input files, in the order they would be read
     * @param outputColumns the branches the output would hold, in order
     * @param notes         things the user should know (branches that could not be copied)
     */
    public record Validation(List<Path> inputs, List<String> outputColumns, List<String> notes) {
        public Validation {
            inputs = List.copyOf(inputs);
            outputColumns = List.copyOf(outputColumns);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Everything {@link #check} found: the validation (null when the inputs or the expressions could not be worked
     * out), the inputs it resolved (empty when they could not be), and every problem, each naming its part of the
     * request ({@link SkimException#element()}).
     */
    public record Check(Validation validation, List<Path> inputs, List<SkimException> problems) {
        public Check {
            inputs = List.copyOf(inputs);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks a request as {@link #run} would before reading any entry, and writes nothing.
     *
     * @throws SkimException the request cannot run (the first problem {@link #check} finds); {@link
     *                       SkimException#element()} names the part at fault
     * @throws IOException   an input cannot be read for a reason other than its content
     */
    public static Validation validate(SkimRequest request) throws SkimException, IOException {
        Check c = check(request);
        if (!c.problems().isEmpty()) {
            throw c.problems().get(0);
        }
        return c.validation();
    }

    /**
     * Every problem of a request, found before anything is written: the inputs resolve; the expressions compile
     * against the first input; every input opens (a damaged file is a problem naming it, not an I/O failure), holds
     * {@code inputTree} with the branches the skim reads, typed as in the first input, and every tree of
     * {@code otherTrees}; the output's directory exists or can be created, and is a directory. Several problems of
     * one request are all reported.
     *
     * @throws IOException an input cannot be read for a reason other than its content (permissions, a failing disk)
     */
    public static Check check(SkimRequest request) throws IOException {
        Skim skim = new Skim(request, s -> { });
        List<SkimException> problems = new ArrayList<>();
        List<Path> files;
        try {
            files = skim.inputs();
        } catch (SkimException e) {
            return new Check(null, List.of(), List.of(e));
        }
        Plan plan = null;
        boolean firstReadable = true;
        try {
            plan = skim.plan(files);
        } catch (SkimException e) {
            problems.add(e);
        } catch (RootIOException e) {
            firstReadable = false;
            problems.add(new SkimException("inputs", request.sample() + ": " + e.getMessage(), e));
        }
        if (firstReadable) {
            skim.checkOtherTrees(files.get(0), problems);
        }
        for (int i = 1; i < files.size(); i++) {
            skim.checkInput(files.get(i), plan, problems);
        }
        outputDirectoryProblem(request.output()).ifPresent(m -> problems.add(new SkimException("outputDirectory",
                request.sample() + ": " + m)));
        Validation v = plan == null ? null
                : new Validation(files, plan.outputs().stream().map(BranchSpec::name).toList(), plan.notes());
        return new Check(v, files, problems);
    }

    /** Opens one input as the run will: its tree, the branches the plan reads, and the other trees. */
    private void checkInput(Path file, Plan plan, List<SkimException> problems) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            TTree tree = tree(f, request.inputTree(), "inputs");
            if (plan != null) {
                checkSameLayout(tree, plan);
            }
        } catch (SkimException e) {
            problems.add(e);
            return;
        } catch (RootIOException e) {
            problems.add(new SkimException("inputs", request.sample() + ": " + e.getMessage(), e));
            return;
        }
        checkOtherTrees(file, problems);
    }

    private void checkOtherTrees(Path file, List<SkimException> problems) throws IOException {
        if (request.otherTrees().isEmpty()) {
            return;
        }
        try (RootFile f = RootFile.open(file)) {
            for (String other : request.otherTrees()) {
                try {
                    tree(f, other, "otherTrees");
                } catch (SkimException e) {
                    problems.add(e);
                }
            }
        } catch (RootIOException e) {
            problems.add(new SkimException("inputs", request.sample() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Why the directory of {@code output} could not be created or written, or empty when it can: the nearest
     * existing ancestor must be a writable directory.
     */
    static java.util.Optional<String> outputDirectoryProblem(Path output) {
        Path dir = output.toAbsolutePath().normalize().getParent();
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return java.util.Optional.of("the output directory " + dir + " cannot be created: no part of it exists");
        }
        if (!Files.isDirectory(p)) {
            return java.util.Optional.of("the output directory " + dir + " cannot be created: " + p
                    + " is a file, not a directory");
        }
        if (!Files.isWritable(p)) {
            return java.util.Optional.of(p.equals(dir) ? "the output directory " + dir + " is not writable"
                    : "the output directory " + dir + " cannot be created: " + p + " is not writable");
        }
        return java.util.Optional.empty();
    }

    // ---- The skim split into independent parts, for an executor that runs them elsewhere (Spark) ----

    /**
     * A piece of a skim's input: entries {@code [from, to)} of input {@code file} (its position in the resolved
     * inputs, whose first one is {@code first}). Parts start on the local skim's batch grid, so that every part
     * decodes and selects exactly the batches the local skim does.
     */
    public record Part(int file, String path, String first, long from, long to) implements java.io.Serializable {
    }

    /**
     * What one batch of a part gives: the entries it read and its passing entries (every passing entry, before the
     * output range, which only the merge can apply), or null columns when none passes.
     */
    public record PartBatch(long read, int passing, Map<String, Column> columns) {
    }

    /**
     * Cuts a request's inputs, after the input range, into parts of {@code batchesPerPart} batches, in the order the
     * local skim reads them. Opens every input (for its entry count).
     *
     * @throws SkimException the request cannot run (as {@link #validate})
     */
    public static List<Part> parts(SkimRequest request, int batchesPerPart) throws SkimException, IOException {
        if (batchesPerPart < 1) {
            throw new IllegalArgumentException("batchesPerPart must be >= 1, got " + batchesPerPart);
        }
        Skim skim = new Skim(request, s -> { });
        List<Path> files = skim.inputs();
        skim.plan(files);
        List<Part> parts = new ArrayList<>();
        long seen = 0;
        long step = (long) batchesPerPart * BATCH;
        String first = files.get(0).toString();
        for (int i = 0; i < files.size() && seen < request.inputRange().limit(); i++) {
            long entries;
            try (RootFile f = RootFile.open(files.get(i))) {
                entries = skim.tree(f, request.inputTree(), "inputs").entries();
            }
            long from = Math.min(entries, Math.max(0, request.inputRange().begin() - seen));
            long to = Math.min(entries, Math.max(0, request.inputRange().limit() - seen));
            seen += entries;
            for (long a = from; a < to; a += step) {
                parts.add(new Part(i, files.get(i).toString(), first, a, Math.min(to, a + step)));
            }
        }
        return parts;
    }

    /**
     * Decodes, computes and selects one part, batch by batch, on one thread: the work of an executor. The expressions
     * are compiled against the first input and the part's file is checked against it, as the local skim does.
     */
    public static List<PartBatch> select(SkimRequest request, Part part) throws SkimException, IOException {
        SkimRequest all = new SkimRequest(request.sample(), request.baseDirectory(), request.inputs(),
                request.inputPrefix(), request.inputTree(), request.outputTree(), request.selection(),
                request.tauType(), request.columns(), request.include(), request.exclude(), request.otherTrees(),
                SkimRequest.EntryRange.ALL, SkimRequest.EntryRange.ALL, request.output(), request.compression(),
                request.level(), 1);
        Skim skim = new Skim(all, s -> { });
        Plan plan = skim.plan(List.of(Path.of(part.first())));
        List<PartBatch> out = new ArrayList<>();
        Path path = Path.of(part.path());
        try (RootFile f = RootFile.open(path)) {
            TTree tree = skim.tree(f, request.inputTree(), "inputs");
            skim.checkSameLayout(tree, plan);
            try (ColumnBatches batches = tree.batches(plan.read(), part.from(), part.to(), BATCH, 1)) {
                Counters c = new Counters();
                while (batches.hasNext()) {
                    Columns batch = batches.next();
                    long before = c.passed;
                    Map<String, Column> selected = skim.skimBatch(path, batch, plan, c);
                    out.add(new PartBatch(batch.entries(), (int) (c.passed - before), selected));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }

    /**
     * The merge: writes the parts' batches, given in part order, into the request's output exactly as the local
     * skim would (the output range applied over the passing entries in order, the same batches appended, baskets
     * compressed on {@code request.threads()} threads), then copies the other trees and publishes the file. The
     * result equals the local skim's byte for byte.
     */
    public static SkimResult merge(SkimRequest request, java.util.Iterator<PartBatch> batches, Consumer<String> log)
            throws SkimException, IOException {
        Skim skim = new Skim(request, log);
        long start = System.nanoTime();
        List<Path> files = skim.inputs();
        Plan plan = skim.plan(files);
        Counters c = new Counters();
        SkimRequest.EntryRange range = request.outputRange();
        return skim.write(files, plan, c, start, (out, threads) -> {
            while (batches.hasNext() && c.passed < range.limit()) {
                PartBatch b = batches.next();
                long before = c.passed;
                c.read += b.read();
                c.passed += b.passing();
                if (b.columns() != null) {
                    int from = (int) Math.min(b.passing(), Math.max(0, range.begin() - before));
                    int to = (int) Math.min(b.passing(), range.limit() - before);
                    if (from < to) {
                        Map<String, Column> kept = new LinkedHashMap<>();
                        for (Map.Entry<String, Column> e : b.columns().entrySet()) {
                            Column col = e.getValue();
                            kept.put(e.getKey(), from == 0 && to == b.passing() ? col : col.slice(from, to));
                        }
                        out.append(kept);
                    }
                }
                skim.progress(new Selected(null, c.read, c.passed), start, c);
            }
        });
    }

    /** What the stage will do, resolved against the first input: columns to read, compute and write. */
    private record Plan(List<Branch> copied, List<String> read, List<Expression> computed, Expression selection,
                        List<BranchSpec> outputs, List<String> notes) {
    }

    private List<Path> inputs() throws SkimException {
        List<Path> files;
        try {
            files = InputFiles.resolve(request.baseDirectory(), request.inputs(), request.inputPrefix());
        } catch (InputFiles.InputException e) {
            throw new SkimException("inputs", request.sample() + ": " + e.getMessage());
        }
        Path output = request.output().toAbsolutePath().normalize();
        for (Path f : files) {
            if (f.toAbsolutePath().normalize().equals(output)) {
                throw new SkimException("output", request.sample() + ": the output " + output + " is also an input;"
                        + " the skim would replace the file it reads");
            }
        }
        return files;
    }

    private Plan plan(List<Path> files) throws SkimException, IOException {
        try (RootFile first = RootFile.open(files.get(0))) {
            return plan(tree(first, request.inputTree(), "inputTree"));
        }
    }

    private SkimResult run() throws SkimException, IOException {
        long start = System.nanoTime();
        List<Path> files = inputs();
        Plan plan = plan(files);
        Counters c = new Counters();
        return write(files, plan, c, start, (out, threads) -> {
            BatchSink write = s -> {
                if (s.columns() != null) {
                    out.append(s.columns());
                }
                progress(s, start, c);
            };
            if (threads == 1) {
                produce(files, plan, c, write);
            } else {
                pipelined(files, plan, c, write, threads);
            }
        });
    }

    /** What fills the output tree, between its creation and its closing. */
    @FunctionalInterface
    private interface Fill {
        void into(TreeWriter out, int threads) throws SkimException, IOException;
    }

    /**
     * Writes the output, the local skim's and the Spark merge's alike: the output tree with baskets compressed on
     * {@code request.threads()} threads, filled by {@code fill}, then the other trees; on any failure nothing is
     * published.
     */
    private SkimResult write(List<Path> files, Plan plan, Counters c, long start, Fill fill)
            throws SkimException, IOException {
        Files.createDirectories(request.output().toAbsolutePath().getParent());
        WriterOptions options = WriterOptions.defaults().withCompression(request.compression(), request.level());
        int threads = Math.max(1, request.threads());
        ExecutorService compressors = threads > 1 ? Executors.newFixedThreadPool(threads, daemon("skim-compress"))
                : null;
        try (RootWriter writer = RootWriter.create(request.output(), options)) {
            try {
                TreeWriter out = compressing(writer.tree(request.outputTree(), request.sample(), plan.outputs()),
                        compressors, threads);
                fill.into(out, threads);
                out.close();
                for (String other : request.otherTrees()) {
                    copyTree(files, other, writer, compressors, threads);
                }
            } catch (SkimException | IOException | RuntimeException | Error e) {
                writer.abort();
                throw e;
            }
        } finally {
            if (compressors != null) {
                compressors.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SkimResult(request.sample(), request.output(), files.size(), c.read, c.passed, seconds,
                plan.notes());
    }

    /**
     * With one thread everything runs in the caller, compression included. With more, baskets are compressed on
     * {@code pool} with two clusters per thread in flight; the bytes are the same.
     */
    private static TreeWriter compressing(TreeWriter out, ExecutorService pool, int threads) {
        return pool == null ? out.compressOn(Runnable::run, 0) : out.compressOn(pool, 2 * threads);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** What one input batch gives the output (null columns: none of its entries passes), with the running counts. */
    private record Selected(Map<String, Column> columns, long read, long passed) {
    }

    @FunctionalInterface
    private interface BatchSink {
        void accept(Selected s) throws SkimException, IOException;
    }

    private void progress(Selected s, long start, Counters c) {
        c.read = s.read();
        c.passed = s.passed();
        if (System.nanoTime() - c.lastReport > PROGRESS_NANOS) {
            c.lastReport = System.nanoTime();
            double sec = (System.nanoTime() - start) / 1e9;
            log.accept(String.format(Locale.ROOT, "%s: %,d entries read, %,d passed (%,.0f entries/s)",
                    request.sample(), s.read(), s.passed(), s.read() / sec));
        }
    }

    /** Reads, computes and selects every input in order, handing each batch's passing entries to {@code sink}. */
    private void produce(List<Path> files, Plan plan, Counters c, BatchSink sink) throws SkimException, IOException {
        for (Path file : files) {
            if (c.seen >= request.inputRange().limit() || c.passed >= request.outputRange().limit()) {
                break;
            }
            skimFile(file, plan, c, sink);
        }
    }

    /** The end of the producer's stream: normal ({@code failure} null) or the exception it stopped with. */
    private record End(Throwable failure) {
    }

    /**
     * Two stages: a reader thread decodes (branches in parallel on {@code threads} threads), computes and selects
     * batch after batch into a bounded queue; the caller appends them in order to the output, whose baskets are
     * compressed on their own pool. Decoding, selecting and compressing overlap; the output is the sequential one.
     * A failure on either side stops the other; the reader's failure is rethrown as it was thrown.
     */
    private void pipelined(List<Path> files, Plan plan, Counters c, BatchSink write, int threads)
            throws SkimException, IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2 * threads);
        Counters produced = new Counters();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            Object end;
            try {
                produce(files, plan, produced, s -> {
                    try {
                        queue.put(s);
                    } catch (InterruptedException e) {
                        throw new CancellationException("the writer stopped");
                    }
                });
                end = new End(null);
            } catch (Throwable t) {
                end = new End(t);
            }
            // Hand over the end unless the writer has stopped (then nobody reads the queue and the thread just ends).
            try {
                while (!stopped.get() && !queue.offer(end, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException ignored) {
                // The writer has stopped.
            }
        }, "skim-read");
        reader.setDaemon(true);
        reader.start();
        boolean finished = false;
        try {
            while (true) {
                Object item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(request.sample() + ": interrupted while skimming", e);
                }
                if (item instanceof End end) {
                    finished = true;
                    c.seen = produced.seen;
                    rethrow(end.failure());
                    return;
                }
                write.accept((Selected) item);
            }
        } finally {
            if (!finished) {
                stopped.set(true);
                reader.interrupt();
            }
        }
    }

    private static void rethrow(Throwable t) throws SkimException, IOException {
        if (t == null) {
            return;
        }
        if (t instanceof SkimException e) {
            throw e;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    private static final class Counters {
        /** Entries of the inputs before the current file: the global entry number the input range counts. */
        long seen;
        long read;
        long passed;
        long lastReport = System.nanoTime();
    }

    private Plan plan(TTree tree) throws SkimException {
        List<String> notes = new ArrayList<>();
        Map<String, ColumnType> schema = new LinkedHashMap<>(ColumnType.schemaOf(tree.branches()));
        List<Expression> computed = new ArrayList<>();
        List<String> computedNames = new ArrayList<>();
        Set<String> read = new LinkedHashSet<>();
        if (request.tauType() != null) {
            for (String input : TauType.INPUTS) {
                if (!tree.hasBranch(input)) {
                    throw new SkimException("tauType", request.sample() + ": recomputing the τ type needs branch '"
                            + input + "', which tree '" + tree.name() + "' of " + tree.file().path() + " lacks");
                }
            }
            requireNewName(tree, request.tauType(), "tauType");
            read.addAll(TauType.INPUTS);
            schema.put(request.tauType(), ColumnType.scalar(LeafType.INT32));
            computedNames.add(request.tauType());
        }
        for (ComputedColumn col : request.columns()) {
            String element = "columns/" + col.name();
            requireNewName(tree, col.name(), element);
            if (computedNames.contains(col.name())) {
                throw new SkimException(element, request.sample() + ": column '" + col.name() + "' is defined twice");
            }
            Expression e = compile(col.expression(), schema, element, true);
            computed.add(e);
            read.addAll(sourceBranches(e, computedNames));
            // A vector-valued column (Jet_pt[Jet_pt > 30]) is a vector<T> branch, usable by later expressions.
            schema.put(col.name(), e.columnType());
            computedNames.add(col.name());
        }
        Expression selection = request.selection().isBlank() ? null
                : compile(request.selection(), schema, "selection", false);
        if (selection != null) {
            read.addAll(sourceBranches(selection, computedNames));
        }

        ColumnFilter filter;
        try {
            filter = ColumnFilter.of(request.include(), request.exclude());
        } catch (IllegalArgumentException e) {
            // ColumnFilter names the list the bad pattern is in.
            String element = e.getMessage().startsWith("exclude") ? "exclude" : "include";
            throw new SkimException(element, request.sample() + ": " + e.getMessage());
        }
        List<String> available = new ArrayList<>(tree.branches().stream().map(Branch::name).toList());
        available.addAll(computedNames);
        List<String> typos = filter.unmatchedExactIncludes(available);
        if (!typos.isEmpty()) {
            String t = typos.get(0);
            List<String> close = Names.closest(t, available, 3);
            throw new SkimException("include", request.sample() + ": included column '" + t + "' does not exist in"
                    + " tree '" + tree.name() + "'" + (close.isEmpty() ? "" : "; did you mean "
                    + String.join(", ", close) + "?"));
        }
        List<Branch> copied = new ArrayList<>();
        List<BranchSpec> outputs = new ArrayList<>();
        for (Branch b : tree.branches()) {
            if (!filter.keeps(b.name())) {
                continue;
            }
            BranchSpec spec = spec(b);
            if (spec == null) {
                notes.add("branch '" + b.name() + "' (" + b.typeName() + ") is not copied: root-io cannot rewrite it");
                continue;
            }
            copied.add(b);
            outputs.add(spec);
            read.add(b.name());
        }
        for (String name : computedNames) {
            if (filter.keeps(name)) {
                ColumnType t = schema.get(name);
                outputs.add(t.shape() == Shape.VECTOR ? BranchSpec.vector(name, t.type())
                        : BranchSpec.scalar(name, t.type()));
            }
        }
        if (outputs.isEmpty()) {
            // Blame the list that emptied the output: <exclude> when <include> alone would keep something.
            boolean included = available.stream().anyMatch(filter::includes);
            if (included && !request.exclude().isEmpty()) {
                throw new SkimException("exclude", request.sample() + ": <exclude> removes every column that "
                        + (request.include().isEmpty() ? "the inputs hold" : "<include> keeps")
                        + ": nothing is left to write");
            }
            throw new SkimException("include", request.sample() + ": " + (included
                    ? "the columns <include> keeps cannot be rewritten (see the notes): nothing is left to write"
                    : "<include> matches no column of tree '" + tree.name() + "': nothing is left to write"));
        }
        return new Plan(List.copyOf(copied), List.copyOf(read), List.copyOf(computed), selection,
                List.copyOf(outputs), List.copyOf(notes));
    }

    /** How root-io rewrites branch {@code b}, or null when it cannot (strings). Shared by the stages that copy trees. */
    static BranchSpec spec(Branch b) {
        if (!b.isSupported()) {
            return null;
        }
        return switch (b.shape()) {
            case SCALAR -> b.type() == LeafType.STRING ? null : BranchSpec.scalar(b.name(), b.type());
            case FIXED -> BranchSpec.fixed(b.name(), b.type(), b.fixedLength());
            case JAGGED -> b.fixedLength() == 1 ? BranchSpec.jagged(b.name(), b.type(), b.counter()) : null;
            case VECTOR -> BranchSpec.vector(b.name(), b.type());
            case VECTOR_VECTOR -> BranchSpec.vectorOfVectors(b.name(), b.type());
            case STRING, VECTOR_STRING -> null;
        };
    }

    private void requireNewName(TTree tree, String name, String element) throws SkimException {
        if (tree.hasBranch(name)) {
            throw new SkimException(element, request.sample() + ": column '" + name + "' already exists as a branch"
                    + " of tree '" + tree.name() + "'; choose another name");
        }
    }

    private static List<String> sourceBranches(Expression e, List<String> computed) {
        return e.branches().stream().filter(b -> !computed.contains(b)).toList();
    }

    private Expression compile(String source, Map<String, ColumnType> schema, String element, boolean column)
            throws SkimException {
        try {
            return column ? Expression.compileColumn(source, schema, -1) : Expression.compile(source, schema);
        } catch (ExpressionException e) {
            throw new SkimException(element, request.sample() + ": " + element + ": " + e.getMessage(), e);
        }
    }

    private TTree tree(RootFile f, String name, String element) throws SkimException, IOException {
        try {
            return f.tree(name);
        } catch (RootIOException e) {
            if (!f.top().contains(name)) {
                throw new SkimException(element, request.sample() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private void skimFile(Path path, Plan plan, Counters c, BatchSink sink) throws SkimException, IOException {
        try (RootFile f = RootFile.open(path)) {
            TTree tree = tree(f, request.inputTree(), "inputs");
            checkSameLayout(tree, plan);
            long entries = tree.entries();
            long from = Math.min(entries, Math.max(0, request.inputRange().begin() - c.seen));
            long to = Math.min(entries, Math.max(0, request.inputRange().limit() - c.seen));
            c.seen += entries;
            if (from >= to) {
                return;
            }
            try (ColumnBatches batches = tree.batches(plan.read(), from, to, BATCH, request.threads())) {
                while (batches.hasNext() && c.passed < request.outputRange().limit()) {
                    Columns batch = batches.next();
                    c.read += batch.entries();
                    Map<String, Column> selected = skimBatch(path, batch, plan, c);
                    sink.accept(new Selected(selected, c.read, c.passed));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Computes the columns and the selection of one batch; returns its passing entries, or null when none pass. */
    private Map<String, Column> skimBatch(Path path, Columns batch, Plan plan, Counters c) throws SkimException {
        Map<String, Column> cols = new LinkedHashMap<>(batch.columns());
        try {
            if (request.tauType() != null) {
                cols.put(request.tauType(), TauType.compute(request.tauType(), cols));
            }
        } catch (IllegalArgumentException e) {
            throw new SkimException("tauType", request.sample() + ": " + path + ", entries from "
                    + batch.firstEntry() + ": " + e.getMessage(), e);
        }
        int k = 0;
        for (ComputedColumn def : request.columns()) {
            Expression e = plan.computed().get(k++);
            try {
                cols.put(def.name(), e.evaluate(new Columns(batch.firstEntry(), batch.entries(), cols), def.name()));
            } catch (ExpressionException ex) {
                String element = "columns/" + def.name();
                throw new SkimException(element, request.sample() + ": " + path + ": " + element + ": "
                        + ex.getMessage(), ex);
            }
        }
        int n = (int) batch.entries();
        boolean[] mask;
        if (plan.selection() == null) {
            mask = new boolean[n];
            java.util.Arrays.fill(mask, true);
        } else {
            try {
                mask = plan.selection().evaluateMask(new Columns(batch.firstEntry(), batch.entries(), cols));
            } catch (ExpressionException e) {
                throw new SkimException("selection", request.sample() + ": " + path + ": " + e.getMessage(), e);
            }
        }
        // The output range counts passing entries; clear the ones outside it.
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                long index = c.passed++;
                mask[i] = request.outputRange().contains(index);
                kept += mask[i] ? 1 : 0;
            }
        }
        if (kept == 0) {
            return null;
        }
        Map<String, Column> selected = new LinkedHashMap<>();
        for (BranchSpec s : plan.outputs()) {
            selected.put(s.name(), cols.get(s.name()).select(mask));
        }
        return selected;
    }

    /** Every input of a chain must hold the branches the skim reads, with the same types. */
    private void checkSameLayout(TTree tree, Plan plan) throws SkimException, RootIOException {
        for (String name : plan.read()) {
            if (!tree.hasBranch(name)) {
                throw new SkimException("inputs", request.sample() + ": " + tree.file().path() + ": tree '"
                        + tree.name() + "' lacks branch '" + name + "', which the first input has");
            }
        }
        for (Branch b : plan.copied()) {
            Branch here = tree.branch(b.name());
            if (here.type() != b.type() || here.shape() != b.shape() || here.fixedLength() != b.fixedLength()) {
                throw new SkimException("inputs", request.sample() + ": " + tree.file().path() + ": branch '"
                        + b.name() + "' is " + here.typeName() + " here but " + b.typeName() + " in the first input");
            }
        }
    }

    /** Copies another tree whole, over all inputs, as skim_tree's --other-trees does. */
    private void copyTree(List<Path> files, String name, RootWriter writer, ExecutorService compressors, int threads)
            throws SkimException, IOException {
        TreeWriter out = null;
        List<String> names = null;
        for (Path p : files) {
            try (RootFile f = RootFile.open(p)) {
                TTree t = tree(f, name, "otherTrees");
                if (out == null) {
                    List<BranchSpec> specs = new ArrayList<>();
                    names = new ArrayList<>();
                    for (Branch b : t.branches()) {
                        BranchSpec s = spec(b);
                        if (s != null) {
                            specs.add(s);
                            names.add(b.name());
                        }
                    }
                    if (specs.isEmpty()) {
                        throw new SkimException("otherTrees", request.sample() + ": tree '" + name + "' has no branch"
                                + " root-io can copy");
                    }
                    out = compressing(writer.tree(name, t.title(), specs), compressors, threads);
                }
                try (ColumnBatches b = t.batches(names, 0, t.entries(), BATCH, request.threads())) {
                    while (b.hasNext()) {
                        out.append(b.next().columns());
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        if (out != null) {
            out.close();
        }
    }
}
