package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.streamer.RObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TTree opened for columnar reading. Branch metadata is read when the tree is opened; values are read basket
 * by basket, only for the branches and entries asked for.
 */
public final class TTree {
    private static final Pattern VECTOR = Pattern.compile("vector<\\s*(.+?)\\s*>");

    private final RootFile file;
    private final String path;
    private final String name;
    private final String title;
    private final long entries;
    private final List<Branch> branches;
    private final int topLevelBranches;
    private final Map<String, Branch> byName = new LinkedHashMap<>();

    public TTree(RootFile file, String path, RObject tree) throws RootIOException {
        this.file = file;
        this.path = path;
        this.name = tree.getString("fName");
        this.title = tree.getString("fTitle");
        this.entries = tree.getLong("fEntries");
        List<Branch> list = new ArrayList<>();
        this.topLevelBranches = tree.getList("fBranches").size();
        for (Object o : tree.getList("fBranches")) {
            collect((RObject) o, list);
        }
        this.branches = List.copyOf(list);
        for (Branch b : branches) {
            byName.putIfAbsent(b.name(), b);
        }
    }

    private void collect(RObject br, List<Branch> out) throws RootIOException {
        List<Object> children = br.getList("fBranches");
        if (!children.isEmpty()) {
            for (Object c : children) {
                collect((RObject) c, out);
            }
            return;
        }
        out.add(describe(br));
    }

    private Branch describe(RObject br) throws RootIOException {
        String brName = br.getString("fName");
        List<Object> leaves = br.getList("fLeaves");
        String className = br.has("fClassName") ? br.getString("fClassName") : "";
        LeafType type = null;
        Shape shape = Shape.SCALAR;
        int fixed = 1;
        String counter = "";
        String leafClass = leaves.isEmpty() ? "" : ((RObject) leaves.get(0)).className();
        if (leaves.size() == 1) {
            RObject leaf = (RObject) leaves.get(0);
            if (leafClass.equals("TLeafElement")) {
                Matcher m = VECTOR.matcher(className);
                if (br.getInt("fType", 0) == 0 && m.matches()) {
                    type = LeafType.ofCppName(m.group(1));
                    shape = type == LeafType.STRING ? Shape.VECTOR_STRING : Shape.VECTOR;
                } else if (br.getInt("fType", 0) <= 0 && (className.equals("string") || className.equals("TString"))) {
                    type = LeafType.STRING;
                    shape = Shape.STRING;
                }
            } else {
                type = LeafType.ofLeafClass(leafClass, leaf.has("fIsUnsigned") && (Boolean) leaf.get("fIsUnsigned"));
                if (type == LeafType.STRING) {
                    shape = Shape.STRING;
                } else if (type != null) {
                    fixed = Math.max(1, leaf.getInt("fLen"));
                    Object count = leaf.get("fLeafCount");
                    if (count instanceof RObject c) {
                        shape = Shape.JAGGED;
                        counter = c.getString("fName");
                    } else if (fixed > 1) {
                        shape = Shape.FIXED;
                    }
                }
            }
        }
        return new Branch(brName, br.getString("fTitle"), leafClass, className, type, shape, fixed, counter,
                br.getLong("fEntries"), br.getInt("fWriteBasket"), br.getInt("fCompress"), br.getLong("fTotBytes"), br.getLong("fZipBytes"),
                baskets(br, brName));
    }

    private List<Basket> baskets(RObject br, String brName) throws RootIOException {
        int writeBasket = br.getInt("fWriteBasket");
        long branchEntries = br.getLong("fEntries");
        int[] bytes = ints(br.get("fBasketBytes"));
        long[] first = longs(br.get("fBasketEntry"));
        long[] seek = longs(br.get("fBasketSeek"));
        List<Object> embedded = br.getList("fBaskets");
        List<Basket> out = new ArrayList<>();
        int slots = Math.max(first.length, embedded.size());
        for (int i = 0; i < slots; i++) {
            RObject emb = i < embedded.size() && embedded.get(i) instanceof RObject r && r.get("fBuffer") != null
                    ? r : null;
            boolean onDisk = i < writeBasket && i < seek.length && seek[i] != 0;
            if (!onDisk && emb == null) {
                continue;
            }
            long start = i < first.length ? first[i] : 0;
            long end;
            if (emb != null) {
                end = start + emb.getInt("fNevBuf");
            } else {
                end = i + 1 < first.length && i + 1 <= writeBasket && (i + 1 < writeBasket || first[i + 1] > start)
                        ? first[i + 1] : branchEntries;
            }
            Basket.Embedded e = emb == null ? null : new Basket.Embedded((byte[]) emb.get("fBuffer"),
                    emb.getInt("fKeylen"), emb.getInt("fLast"), (int[]) emb.get("fEntryOffset"));
            out.add(new Basket(i, start, end - start, onDisk ? seek[i] : 0, onDisk ? bytes[i] : 0, e));
        }
        out.sort(Comparator.comparingLong(Basket::firstEntry));
        long expect = 0;
        for (Basket b : out) {
            if (b.firstEntry() != expect) {
                throw RootIOException.of(file.path(), "tree '" + path + "', branch '" + brName + "'",
                        "basket index is inconsistent: basket " + b.index() + " starts at entry " + b.firstEntry()
                                + " but the previous one ends at " + expect);
            }
            expect = b.endEntry();
        }
        if (expect != branchEntries) {
            throw RootIOException.of(file.path(), "tree '" + path + "', branch '" + brName + "'",
                    "baskets cover " + expect + " entries but the branch has " + branchEntries);
        }
        return List.copyOf(out);
    }

    /** TBranch up to v9 (g4tools, old ROOT) stores fBasketEntry/fBasketSeek as 32-bit arrays; newer ones as 64-bit. */
    static long[] longs(Object array) {
        if (array instanceof long[] l) {
            return l;
        }
        if (array instanceof int[] i) {
            long[] out = new long[i.length];
            for (int k = 0; k < i.length; k++) {
                out[k] = i[k];
            }
            return out;
        }
        if (array == null) {
            return new long[0];
        }
        throw new IllegalArgumentException("expected an integer array, found " + array.getClass().getSimpleName());
    }

    static int[] ints(Object array) {
        if (array instanceof int[] i) {
            return i;
        }
        if (array instanceof long[] l) {
            int[] out = new int[l.length];
            for (int k = 0; k < l.length; k++) {
                out[k] = Math.toIntExact(l[k]);
            }
            return out;
        }
        if (array == null) {
            return new int[0];
        }
        throw new IllegalArgumentException("expected an integer array, found " + array.getClass().getSimpleName());
    }

    public RootFile file() {
        return file;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public long entries() {
        return entries;
    }

    /** Every readable (leaf-level) branch, in tree order. */
    public List<Branch> branches() {
        return branches;
    }

    /** Branches directly under the tree (split objects count once), as ROOT's fBranches holds them. */
    public int topLevelBranchCount() {
        return topLevelBranches;
    }

    public boolean hasBranch(String branchName) {
        return byName.containsKey(branchName);
    }

    /** The branch of this name; an unknown name is an error that lists the closest names. */
    public Branch branch(String branchName) throws RootIOException {
        Branch b = byName.get(branchName);
        if (b == null) {
            List<String> close = Names.closest(branchName, byName.keySet(), 3);
            throw RootIOException.of(file.path(), "tree '" + path + "'", "no branch '" + branchName + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        }
        return b;
    }

    /** Reads the branches over entries [start, end) into memory on the calling thread. */
    public Columns read(Collection<String> branchNames, long start, long end) throws IOException {
        return read(branchNames, start, end, 1);
    }

    /**
     * Reads the branches over entries [start, end), decoding different branches on up to {@code threads} threads.
     * Only the baskets that overlap the range are read.
     */
    public Columns read(Collection<String> branchNames, long start, long end, int threads) throws IOException {
        checkRange(start, end);
        List<Branch> wanted = readable(branchNames);
        Map<String, Column> out = new LinkedHashMap<>();
        if (threads <= 1 || wanted.size() <= 1) {
            for (Branch b : wanted) {
                out.put(b.name(), readBranch(b, start, end));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, wanted.size()));
            try {
                List<Future<Column>> futures = new ArrayList<>();
                for (Branch b : wanted) {
                    futures.add(pool.submit(() -> readBranch(b, start, end)));
                }
                for (int i = 0; i < wanted.size(); i++) {
                    out.put(wanted.get(i).name(), futures.get(i).get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RootIOException("interrupted while reading " + file.path(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new RootIOException(file.path() + ": " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new Columns(start, end - start, out);
    }

    /**
     * Streams entries [start, end) in batches of {@code batchEntries}, holding only the baskets in flight; the
     * branches of a batch are decoded on up to {@code threads} threads. Close it to release the threads.
     */
    public ColumnBatches batches(Collection<String> branchNames, long start, long end, int batchEntries, int threads)
            throws RootIOException {
        checkRange(start, end);
        return new ColumnBatches(this, readable(branchNames), start, end, batchEntries, threads);
    }

    private List<Branch> readable(Collection<String> branchNames) throws RootIOException {
        List<Branch> wanted = new ArrayList<>();
        for (String n : branchNames) {
            Branch b = branch(n);
            if (!b.isSupported()) {
                throw RootIOException.of(file.path(), "tree '" + path + "', branch '" + n + "'",
                        "branches of type " + b.typeName() + " (" + b.leafClass() + ") cannot be read as columns");
            }
            wanted.add(b);
        }
        return wanted;
    }

    /**
     * One branch over [start, end): the overlapping baskets, decoded and trimmed. Scalar and fixed-size branches
     * are decoded straight into one array of the final size; the others basket by basket, then joined.
     */
    public Column readBranch(Branch b, long start, long end) throws IOException {
        BasketDecoder.Scratch scratch = new BasketDecoder.Scratch();
        if (BasketDecoder.isFixedWidth(b)) {
            return readFixedWidth(b, start, end, scratch);
        }
        List<Column> parts = new ArrayList<>();
        for (Basket bk : b.baskets()) {
            if (bk.endEntry() <= start || bk.firstEntry() >= end || bk.entryCount() == 0) {
                continue;
            }
            Column c = BasketDecoder.decode(file, path, b, bk, scratch);
            int from = (int) (Math.max(start, bk.firstEntry()) - bk.firstEntry());
            int to = (int) (Math.min(end, bk.endEntry()) - bk.firstEntry());
            parts.add(from == 0 && to == c.entries() ? c : c.slice(from, to));
        }
        if (parts.isEmpty()) {
            return emptyColumn(b);
        }
        return Column.concat(b.name(), b.type(), b.shape(), b.fixedLength(), parts);
    }

    private Column readFixedWidth(Branch b, long start, long end, BasketDecoder.Scratch scratch) throws IOException {
        long covered = 0;
        for (Basket bk : b.baskets()) {
            if (bk.endEntry() > start && bk.firstEntry() < end && bk.entryCount() > 0) {
                covered += Math.min(end, bk.endEntry()) - Math.max(start, bk.firstEntry());
            }
        }
        long values = covered * b.fixedLength();
        if (values > Integer.MAX_VALUE - 8) {
            throw RootIOException.of(file.path(), "tree '" + path + "', branch '" + b.name() + "'", values
                    + " values do not fit one column; read fewer entries at a time");
        }
        Object out = Column.newArray(b.type(), (int) values);
        int pos = 0;
        for (Basket bk : b.baskets()) {
            if (bk.endEntry() <= start || bk.firstEntry() >= end || bk.entryCount() == 0) {
                continue;
            }
            int from = (int) (Math.max(start, bk.firstEntry()) - bk.firstEntry());
            int to = (int) (Math.min(end, bk.endEntry()) - bk.firstEntry());
            BasketDecoder.decodeInto(file, path, b, bk, scratch, from, to, out, pos);
            pos += (to - from) * b.fixedLength();
        }
        return new Column(b.name(), b.type(), b.shape(), out, null, b.fixedLength());
    }

    private static Column emptyColumn(Branch b) {
        return new Column(b.name(), b.type(), b.shape(), Column.newArray(b.type(), 0),
                b.shape() == Shape.SCALAR || b.shape() == Shape.FIXED || b.shape() == Shape.STRING ? null
                        : new int[1], b.fixedLength());
    }

    /**
     * Entry boundaries at which every branch starts a new basket (ROOT's clusters when the file was written with
     * aligned baskets); always includes 0 and {@link #entries()}.
     */
    public long[] clusterBoundaries(Collection<String> branchNames) throws RootIOException {
        java.util.TreeSet<Long> common = null;
        for (String n : branchNames) {
            java.util.TreeSet<Long> s = new java.util.TreeSet<>();
            for (Basket b : branch(n).baskets()) {
                s.add(b.firstEntry());
            }
            if (common == null) {
                common = s;
            } else {
                common.retainAll(s);
            }
        }
        if (common == null) {
            common = new java.util.TreeSet<>();
        }
        common.add(0L);
        common.add(entries);
        return common.stream().mapToLong(Long::longValue).toArray();
    }

    private void checkRange(long start, long end) throws RootIOException {
        if (start < 0 || end > entries || start > end) {
            throw RootIOException.of(file.path(), "tree '" + path + "'", "entry range [" + start + ", " + end
                    + ") is outside [0, " + entries + ")");
        }
    }

    @Override
    public String toString() {
        return "TTree '" + name + "' (" + entries + " entries, " + branches.size() + " branches)";
    }
}
