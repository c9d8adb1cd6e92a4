package io.github.tauml.pipeline.inspect;

import io.github.tauml.pipeline.inspect.InspectException.Subject;
import io.github.tauml.pipeline.inspect.InspectReport.BranchReport;
import io.github.tauml.pipeline.inspect.InspectReport.BranchStats;
import io.github.tauml.pipeline.inspect.InspectReport.KeyEntry;
import io.github.tauml.pipeline.inspect.InspectReport.TreeReport;
import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import io.github.tauml.rootio.Directory;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Names;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists what a ROOT file holds (keys, trees, branches with types, entries, compression) and, for JSON, computes
 * per-branch count, sum and first three values the way jsroot's reference script does
 * ({@code testdata/root/tools/jsroot-ref.mjs}), so that a file can be cross-checked against jsroot.
 *
 * <p>Values are decoded basket by basket: memory stays bounded by one basket of one branch, whatever the file size.
 */
public final class Inspector {
    private static final Set<String> TREE_CLASSES = Set.of("TTree", "TNtuple", "TNtupleD");
    private static final Set<String> DIRECTORY_CLASSES = Set.of("TDirectory", "TDirectoryFile");

    /**
     * Inspects the file.
     *
     * @throws InspectException the file is missing, not a ROOT file or corrupt, or the tree or a branch does not
     *                          exist: the message names it
     * @throws IOException      reading failed for another reason (a disk error, say)
     */
    public InspectReport inspect(InspectRequest request) throws InspectException, IOException {
        Path path = request.file().toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new InspectException(Subject.FILE, path + ": no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new InspectException(Subject.FILE, path + ": not a regular file");
        }
        try (RootFile file = RootFile.open(path)) {
            List<KeyEntry> keys = new ArrayList<>();
            collectKeys(file.top(), keys, new HashSet<>());
            // jsroot lists the StreamerInfo key after the top directory's keys; so do we.
            file.streamerInfoKey().ifPresent(info ->
                    keys.add(new KeyEntry("", info.name(), info.cycle(), info.className(), info.title())));
            List<KeyEntry> treeKeys = selectTrees(path, keys, request);
            List<TreeReport> trees = new ArrayList<>();
            for (KeyEntry k : treeKeys) {
                trees.add(inspectTree(file, k, request));
            }
            return new InspectReport(path, file.version(), file.size(), file.compressionSetting(), keys, trees,
                    request.format());
        } catch (RootIOException e) {
            // Not a ROOT file, truncated or corrupt: the reader's message already names the file and the object.
            throw new InspectException(Subject.FILE, e.getMessage(), e);
        }
    }

    /** Depth first: each key, then the contents of a directory right after its key. */
    private static void collectKeys(Directory dir, List<KeyEntry> out, Set<Long> visited) throws IOException {
        List<Key> latest = dir.latestKeys();
        for (Key k : dir.keys()) {
            out.add(new KeyEntry(dir.path(), k.name(), k.cycle(), k.className(), k.title()));
            // visited guards against a corrupt file whose directory points back at an ancestor.
            if (DIRECTORY_CLASSES.contains(k.className()) && latest.contains(k) && visited.add(k.seekKey())) {
                collectKeys(dir.subdirectory(k.name()), out, visited);
            }
        }
    }

    /** The latest cycle of every tree, or the one tree the request names. */
    private static List<KeyEntry> selectTrees(Path path, List<KeyEntry> keys, InspectRequest request)
            throws InspectException {
        Map<String, KeyEntry> latest = new LinkedHashMap<>();
        for (KeyEntry k : keys) {
            if (TREE_CLASSES.contains(k.className())) {
                latest.merge(k.path(), k, (a, b) -> a.cycle() >= b.cycle() ? a : b);
            }
        }
        List<String> treePaths = List.copyOf(latest.keySet());
        String available = treePaths.isEmpty() ? "it holds no trees" : "its trees: " + String.join(", ", treePaths);
        if (request.tree() == null) {
            if (treePaths.size() > 1 && request.format() == Format.JSON) {
                throw new InspectException(Subject.TREE, path + ": holds " + treePaths.size() + " trees ("
                        + String.join(", ", treePaths) + ") and the JSON output describes one: name the tree");
            }
            if (treePaths.size() > 1 && !request.branches().isEmpty()) {
                throw new InspectException(Subject.TREE, path + ": holds " + treePaths.size() + " trees ("
                        + String.join(", ", treePaths) + "): name the tree the branches belong to");
            }
            if (treePaths.isEmpty() && !request.branches().isEmpty()) {
                throw new InspectException(Subject.TREE, path + ": branches " + request.branches()
                        + " were asked for, but " + available);
            }
            return List.copyOf(latest.values());
        }
        String wanted = request.tree().startsWith("/") ? request.tree().substring(1) : request.tree();
        int cycle = -1;
        int semi = wanted.lastIndexOf(';');
        if (semi >= 0) {
            try {
                cycle = Integer.parseInt(wanted.substring(semi + 1));
            } catch (NumberFormatException e) {
                throw new InspectException(Subject.TREE, path + ": tree '" + request.tree()
                        + "': the cycle after ';' is not a number");
            }
            wanted = wanted.substring(0, semi);
        }
        KeyEntry best = null;
        KeyEntry other = null;
        for (KeyEntry k : keys) {
            if (!k.path().equals(wanted) || (cycle >= 0 && k.cycle() != cycle)) {
                continue;
            }
            if (!TREE_CLASSES.contains(k.className())) {
                other = k;
            } else if (best == null || k.cycle() > best.cycle()) {
                best = k;
            }
        }
        if (best != null) {
            return List.of(best);
        }
        if (other != null) {
            throw new InspectException(Subject.TREE, path + ": '" + request.tree() + "' is a " + other.className()
                    + ", not a TTree; " + available);
        }
        List<String> close = Names.closest(wanted, treePaths, 3);
        throw new InspectException(Subject.TREE, path + ": no tree '" + request.tree() + "'"
                + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?") + " (" + available
                + ")");
    }

    private static TreeReport inspectTree(RootFile file, KeyEntry key, InspectRequest request)
            throws IOException, InspectException {
        String treePath = key.path();
        TTree tree;
        try {
            tree = file.tree(treePath + ";" + key.cycle());
        } catch (RootIOException e) {
            throw new InspectException(Subject.FILE, e.getMessage(), e);
        }
        List<Branch> branches = selectBranches(file.path(), tree, request.branches());
        List<BranchReport> reports = new ArrayList<>();
        for (Branch b : branches) {
            // One unreadable branch is reported as such; the others are still listed and summed.
            BranchStats stats = null;
            String problem = b.problem();
            if (request.format() == Format.JSON && b.isSupported()) {
                try {
                    stats = stats(tree, b);
                } catch (RootIOException e) {
                    String prefix = file.path() + ": ";
                    String m = e.getMessage();
                    problem = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
                }
            }
            reports.add(new BranchReport(b, b.writeBasket(), stats, problem));
        }
        return new TreeReport(treePath, tree.title(), tree.entries(), tree.topLevelBranchCount(), reports,
                tree.warnings());
    }

    private static List<Branch> selectBranches(Path path, TTree tree, List<String> wanted) throws InspectException {
        if (wanted.isEmpty()) {
            return tree.branches();
        }
        List<String> names = tree.branches().stream().map(Branch::name).toList();
        List<String> problems = new ArrayList<>();
        for (String w : wanted) {
            if (!tree.hasBranch(w)) {
                List<String> close = Names.closest(w, names, 3);
                problems.add("no branch '" + w + "'"
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InspectException(Subject.BRANCH, path + ": tree '" + tree.name() + "': "
                    + String.join("; ", problems));
        }
        // Tree order, as jsroot's reference script reports them.
        return tree.branches().stream().filter(b -> wanted.contains(b.name())).toList();
    }

    /** Count, sum and first three entries, following jsroot-ref.mjs: bool is 0/1, NaN skipped, strings add nothing. */
    static BranchStats stats(TTree tree, Branch b) throws IOException {
        Sum sum = new Sum(b.type());
        List<Object> first = new ArrayList<>(3);
        boolean charArray = isCharArray(b);
        boolean text = b.shape() == Shape.STRING || b.shape() == Shape.VECTOR_STRING;
        for (Basket bk : b.baskets()) {
            if (bk.entryCount() == 0) {
                continue;
            }
            Column c = tree.readBranch(b, bk.firstEntry(), bk.endEntry());
            for (int i = 0; i < c.entries() && first.size() < 3; i++) {
                first.add(entry(b, c, i, charArray));
            }
            if (!charArray && !text) {
                for (int i = 0; i < c.valueCount(); i++) {
                    sum.add(c, i);
                }
            }
        }
        return new BranchStats(sum.count(), sum.value(), first);
    }

    /**
     * jsroot shows a fixed array of signed chars ({@code x[3]/B}) as a latin-1 string cut at the first NUL, and so
     * leaves it out of the sums; we do the same so that our JSON equals jsroot's.
     */
    private static boolean isCharArray(Branch b) {
        return b.type() == LeafType.INT8 && b.shape() == Shape.FIXED;
    }

    private static Object entry(Branch b, Column c, int i, boolean charArray) {
        int start = c.start(i);
        int size = c.size(i);
        if (b.shape() == Shape.STRING) {
            return c.getString(i);
        }
        if (charArray) {
            byte[] bytes = (byte[]) c.values();
            int n = 0;
            while (n < size && bytes[start + n] != 0) {
                n++;
            }
            return new String(bytes, start, n, StandardCharsets.ISO_8859_1);
        }
        if (b.shape() == Shape.SCALAR) {
            return number(c, start);
        }
        if (b.shape() == Shape.VECTOR_VECTOR) {
            List<Object> lists = new ArrayList<>(size);
            int[] inner = c.innerOffsets();
            for (int k = start; k < start + size; k++) {
                List<Object> values = new ArrayList<>(inner[k + 1] - inner[k]);
                for (int j = inner[k]; j < inner[k + 1]; j++) {
                    values.add(number(c, j));
                }
                lists.add(values);
            }
            return lists;
        }
        List<Object> values = new ArrayList<>(size);
        for (int j = start; j < start + size; j++) {
            values.add(b.shape() == Shape.VECTOR_STRING ? c.getString(j) : number(c, j));
        }
        return values;
    }

    private static Number number(Column c, int i) {
        return switch (c.type()) {
            case FLOAT32, FLOAT64 -> c.getDouble(i);
            case UINT64 -> {
                long v = c.getLong(i);
                yield v >= 0 ? (Number) v : new BigInteger(Long.toUnsignedString(v));
            }
            default -> c.getLong(i);
        };
    }

    /** Integer sums stay exact (switching to BigInteger on overflow); floating-point ones add doubles in entry order. */
    private static final class Sum {
        private final LeafType type;
        private final boolean floating;
        private long count;
        private double doubleSum;
        private long longSum;
        private BigInteger bigSum;

        Sum(LeafType type) {
            this.type = type;
            this.floating = type == LeafType.FLOAT32 || type == LeafType.FLOAT64;
        }

        void add(Column c, int i) {
            if (floating) {
                double v = c.getDouble(i);
                if (!Double.isNaN(v)) {
                    doubleSum += v;
                    count++;
                }
                return;
            }
            long v = c.getLong(i);
            count++;
            if (type == LeafType.UINT64 && v < 0) {
                addBig(new BigInteger(Long.toUnsignedString(v)));
            } else if (bigSum != null) {
                bigSum = bigSum.add(BigInteger.valueOf(v));
            } else {
                try {
                    longSum = Math.addExact(longSum, v);
                } catch (ArithmeticException overflow) {
                    addBig(BigInteger.valueOf(v));
                }
            }
        }

        private void addBig(BigInteger v) {
            bigSum = (bigSum != null ? bigSum : BigInteger.valueOf(longSum)).add(v);
        }

        long count() {
            return count;
        }

        Number value() {
            return floating ? (Number) doubleSum : bigSum != null ? bigSum : (Number) longSum;
        }
    }
}
