package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.streamer.RObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
    private static final Pattern VECTOR_VECTOR = Pattern.compile("vector<\\s*vector<\\s*(.+?)\\s*>\\s*>");

    private final RootFile file;
    private final String path;
    private final String name;
    private final String title;
    private final long entries;
    private final List<Branch> branches;
    private final int topLevelBranches;
    private final Map<String, Branch> byName = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * Reads the branch metadata of a tree. A branch whose metadata cannot be understood is listed as unreadable
     * ({@link Branch#problem()}) and the others stay readable. Tree-level contradictions are errors: a negative
     * {@code fEntries}, or an {@code fEntries} larger than the baskets of every branch hold. An {@code fEntries}
     * smaller than the baskets hold is read as ROOT reads it (the first {@code fEntries} entries), with a
     * {@link #warnings() warning}.
     *
     * @throws RootIOException naming the file, the tree and the numbers that contradict each other
     */
    public TTree(RootFile file, String path, RObject tree) throws RootIOException {
        this.file = file;
        this.path = path;
        this.name = tree.getString("fName");
        this.title = tree.getString("fTitle");
        long declared = tree.getLong("fEntries");
        if (declared < 0) {
            throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "'", "fEntries is " + declared
                    + ", a negative number of entries: the tree metadata is corrupt");
        }
        List<Branch> list = new ArrayList<>();
        List<Object> top = tree.getList("fBranches");
        this.topLevelBranches = top.size();
        for (Object o : top) {
            collect(o, list);
        }
        long most = -1;
        for (Branch b : list) {
            if (!b.baskets().isEmpty()) {
                most = Math.max(most, b.entries());
            }
        }
        if (most >= 0 && declared > most) {
            throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "'", "fEntries is " + declared
                    + " but the baskets of its branches hold at most " + most + " entries: truncated or corrupt");
        }
        if (most > declared) {
            warnings.add("tree '" + Names.printable(path) + "': fEntries is " + declared + " but the baskets hold "
                    + most + " entries; reading the first " + declared + " as ROOT does");
        }
        for (int i = 0; i < list.size(); i++) {
            Branch b = list.get(i);
            if (b.problem().isEmpty() && b.type() != null && b.entries() < declared) {
                list.set(i, b.withProblem("its baskets hold " + b.entries() + " entries but the tree has "
                        + declared));
            }
        }
        this.entries = declared;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Branch b = list.get(i);
            int n = seen.merge(b.name(), 1, Integer::sum);
            if (n > 1) {
                String alias = b.name() + "#" + n;
                while (seen.containsKey(alias)) {
                    alias = alias + "#";
                }
                seen.put(alias, 1);
                b = b.renamed(alias);
                list.set(i, b);
                warnings.add("tree '" + Names.printable(path) + "': branch name '" + Names.printable(b.name())
                        .replaceAll("#\\d+$", "") + "' occurs " + n + " times; occurrence " + n + " is '"
                        + Names.printable(alias) + "'");
            }
            byName.put(b.name(), b);
        }
        this.branches = List.copyOf(list);
    }

    private void collect(Object o, List<Branch> out) {
        if (!(o instanceof RObject br)) {
            out.add(Branch.unreadable("(branch " + out.size() + ")", "", "", "", "its entry in fBranches is "
                    + (o == null ? "null" : "not a branch object")));
            return;
        }
        String brName = br.has("fName") ? br.getString("fName") : "(branch " + out.size() + ")";
        List<Object> children;
        try {
            children = br.getList("fBranches");
        } catch (RuntimeException e) {
            out.add(Branch.unreadable(brName, "", "", br.className(), reason(e)));
            return;
        }
        if (!children.isEmpty()) {
            for (Object c : children) {
                collect(c, out);
            }
            return;
        }
        try {
            describe(br, out);
        } catch (RootIOException | RuntimeException e) {
            String t = br.has("fTitle") ? br.getString("fTitle") : "";
            out.add(Branch.unreadable(brName, t, "", br.className(), reason(e)));
        }
    }

    private String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = file.path() + ": ";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        if (e instanceof ClassCastException || e instanceof NullPointerException) {
            m = "its metadata has members of unexpected types (" + m + ")";
        }
        return Names.escape(m);
    }

    private void describe(RObject br, List<Branch> out) throws RootIOException {
        String brName = br.getString("fName");
        String brTitle = br.getString("fTitle");
        List<Object> leaves = br.getList("fLeaves");
        String className = br.has("fClassName") ? br.getString("fClassName") : "";
        List<Basket> baskets = baskets(br, brName);
        long brEntries = br.getLong("fEntries");
        int writeBasket = br.getInt("fWriteBasket");
        int compress = br.getInt("fCompress");
        long totBytes = br.getLong("fTotBytes");
        long zipBytes = br.getLong("fZipBytes");
        if (leaves.size() > 1) {
            leafList(br, leaves, baskets, out);
            return;
        }
        LeafType type = null;
        Shape shape = Shape.SCALAR;
        int fixed = 1;
        String counter = "";
        Layout layout = Layout.PLAIN;
        String problem = "";
        String leafClass = leaves.isEmpty() ? "" : leafClass(leaves.get(0));
        if (leaves.isEmpty()) {
            problem = "the branch has no leaves";
        } else if (leafClass.equals("TLeafElement")) {
            int fType = br.getInt("fType", 0);
            Matcher vv = VECTOR_VECTOR.matcher(className);
            Matcher m = VECTOR.matcher(className);
            if (fType == 0 && vv.matches() && LeafType.ofCppName(vv.group(1)) != null
                    && LeafType.ofCppName(vv.group(1)) != LeafType.STRING) {
                type = LeafType.ofCppName(vv.group(1));
                shape = Shape.VECTOR_VECTOR;
            } else if (fType == 0 && m.matches() && LeafType.ofCppName(m.group(1)) != null) {
                type = LeafType.ofCppName(m.group(1));
                shape = type == LeafType.STRING ? Shape.VECTOR_STRING : Shape.VECTOR;
            } else if (fType <= 0 && (className.equals("string") || className.equals("TString"))) {
                type = LeafType.STRING;
                shape = Shape.STRING;
            } else {
                problem = "objects of class '" + Names.printable(className) + "' (TBranchElement fType " + fType
                        + ") are not decoded as columns; numbers, strings, vector<T> and vector<vector<T>> of "
                        + "numbers are";
            }
        } else {
            RObject leaf = (RObject) leaves.get(0);
            type = leafType(leaf);
            if (type == null) {
                problem = "leaves of class " + Names.printable(leafClass) + " are not decoded as columns";
            } else if (type == LeafType.STRING) {
                shape = Shape.STRING;
            } else {
                layout = new Layout(packing(leaf, brTitle), 0, 0);
                layout = layout.packing() == null ? Layout.PLAIN : layout;
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
        out.add(new Branch(brName, brTitle, leafClass, className, problem.isEmpty() ? type : null, shape, fixed,
                counter, brEntries, writeBasket, compress, totBytes, zipBytes, baskets, layout, problem));
    }

    private static String leafClass(Object leaf) {
        return leaf instanceof RObject r ? r.className() : "(not a leaf object)";
    }

    private static LeafType leafType(RObject leaf) {
        String cls = leaf.className();
        return switch (cls) {
            case "TLeafD32" -> LeafType.FLOAT64;
            case "TLeafF16" -> LeafType.FLOAT32;
            default -> LeafType.ofLeafClass(cls, leaf.has("fIsUnsigned") && (Boolean) leaf.get("fIsUnsigned"));
        };
    }

    /** The Double32_t/Float16_t encoding of a TLeafD32/TLeafF16 (range from its title, else the branch's). */
    private static io.github.tauml.rootio.streamer.PackedReal packing(RObject leaf, String branchTitle) {
        String cls = leaf.className();
        if (!cls.equals("TLeafD32") && !cls.equals("TLeafF16")) {
            return null;
        }
        String t = leaf.getString("fTitle");
        if (!t.contains(",")) {
            String leafName = leaf.getString("fName");
            for (String part : branchTitle.split(":")) {
                if (part.startsWith(leafName + "/") || part.startsWith(leafName + "[")) {
                    t = part;
                }
            }
        }
        return io.github.tauml.rootio.streamer.PackedReal.of(t, cls.equals("TLeafF16"));
    }

    /**
     * A branch with several leaves ({@code x/D:y/I:z/B}): every entry holds the leaves one after the other, so
     * each leaf becomes a column {@code branch.leaf} that reads its bytes at its offset within the entry.
     */
    private void leafList(RObject br, List<Object> leaves, List<Basket> baskets, List<Branch> out) {
        String brName = br.getString("fName");
        String brTitle = br.getString("fTitle");
        List<Branch> parts = new ArrayList<>();
        String listProblem = "";
        int offset = 0;
        for (Object o : leaves) {
            String leafName = o instanceof RObject r ? r.getString("fName") : "?";
            String cls = leafClass(o);
            String full = brName + "." + leafName;
            if (!(o instanceof RObject leaf)) {
                parts.add(Branch.unreadable(full, brTitle, cls, "", "its leaf object is missing"));
                listProblem = "leaf " + Names.printable(leafName) + " of the leaf list is missing";
                continue;
            }
            LeafType type = leafType(leaf);
            int len = Math.max(1, leaf.getInt("fLen"));
            String problem = "";
            Layout layout = Layout.PLAIN;
            if (type == null) {
                problem = "leaves of class " + Names.printable(cls) + " are not decoded as columns";
                listProblem = "leaf " + Names.printable(leafName) + " (" + cls + ") has no known size";
            } else if (type == LeafType.STRING || leaf.get("fLeafCount") instanceof RObject) {
                problem = "a leaf list whose leaf '" + Names.printable(leafName) + "' has a variable length ("
                        + (type == LeafType.STRING ? "a string" : "x[n]") + ") is not decoded as columns";
                listProblem = problem;
            } else {
                layout = new Layout(packing(leaf, brTitle), offset, 0);
                offset += len * layout.width(type);
            }
            parts.add(new Branch(full, brTitle, cls, "", problem.isEmpty() ? type : null,
                    len > 1 ? Shape.FIXED : Shape.SCALAR, len, "", br.getLong("fEntries"), br.getInt("fWriteBasket"),
                    br.getInt("fCompress"), br.getLong("fTotBytes"), br.getLong("fZipBytes"), baskets, layout,
                    problem));
        }
        for (Branch p : parts) {
            if (!p.problem().isEmpty()) {
                out.add(p);
            } else if (!listProblem.isEmpty()) {
                out.add(p.withProblem("another leaf of its leaf list cannot be placed: " + listProblem));
            } else {
                out.add(new Branch(p.name(), p.title(), p.leafClass(), p.className(), p.type(), p.shape(),
                        p.fixedLength(), p.counter(), p.entries(), p.writeBasket(), p.compression(), p.totBytes(),
                        p.zipBytes(), p.baskets(), new Layout(p.layout().packing(), p.layout().leafOffset(), offset),
                        ""));
            }
        }
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
                throw new RootIOException("basket index is inconsistent: basket " + b.index() + " starts at entry "
                        + b.firstEntry() + " but the previous one ends at " + expect);
            }
            expect = b.endEntry();
        }
        if (expect != branchEntries) {
            throw new RootIOException("its baskets cover " + expect + " entries but its fEntries is "
                    + branchEntries);
        }
        return List.copyOf(out);
    }

    /** Warnings about metadata read the way ROOT reads it (fEntries below what the baskets hold, duplicate names). */
    public List<String> warnings() {
        return List.copyOf(warnings);
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
            throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "'", "no branch '"
                    + Names.printable(branchName) + "'"
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
        List<List<Branch>> groups = groups(wanted);
        Map<String, Column> read = new java.util.HashMap<>();
        if (threads <= 1 || groups.size() <= 1) {
            for (List<Branch> g : groups) {
                read.putAll(readGroup(g, start, end));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, groups.size()));
            try {
                List<Future<Map<String, Column>>> futures = new ArrayList<>();
                for (List<Branch> g : groups) {
                    futures.add(pool.submit(() -> readGroup(g, start, end)));
                }
                for (Future<Map<String, Column>> f : futures) {
                    read.putAll(f.get());
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
        Map<String, Column> out = new LinkedHashMap<>();
        for (Branch b : wanted) {
            out.put(b.name(), read.get(b.name()));
        }
        return new Columns(start, end - start, out);
    }

    /** Leaves of the same leaf list share their baskets: they are read together, each basket decompressed once. */
    private static List<List<Branch>> groups(List<Branch> wanted) {
        Map<Object, List<Branch>> byBaskets = new LinkedHashMap<>();
        for (Branch b : wanted) {
            Object key = b.layout().isLeafList() ? new IdentityKey(b.baskets()) : new IdentityKey(b);
            byBaskets.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        }
        return new ArrayList<>(byBaskets.values());
    }

    private record IdentityKey(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey k && k.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    private Map<String, Column> readGroup(List<Branch> group, long start, long end) throws IOException {
        if (group.size() == 1) {
            return Map.of(group.get(0).name(), readBranch(group.get(0), start, end));
        }
        List<Basket> baskets = group.get(0).baskets();
        long covered = 0;
        for (Basket bk : baskets) {
            if (bk.endEntry() > start && bk.firstEntry() < end && bk.entryCount() > 0) {
                covered += Math.min(end, bk.endEntry()) - Math.max(start, bk.firstEntry());
            }
        }
        Object[] outs = new Object[group.size()];
        for (int i = 0; i < outs.length; i++) {
            Branch b = group.get(i);
            long values = covered * b.fixedLength();
            if (values > Integer.MAX_VALUE - 8) {
                throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "', branch '"
                        + Names.printable(b.name()) + "'", values + " values do not fit one column; read fewer "
                        + "entries at a time");
            }
            outs[i] = Column.newArray(b.type(), (int) values);
        }
        BasketDecoder.Scratch scratch = new BasketDecoder.Scratch();
        int pos = 0;
        for (Basket bk : baskets) {
            if (bk.endEntry() <= start || bk.firstEntry() >= end || bk.entryCount() == 0) {
                continue;
            }
            int from = (int) (Math.max(start, bk.firstEntry()) - bk.firstEntry());
            int to = (int) (Math.min(end, bk.endEntry()) - bk.firstEntry());
            BasketDecoder.Payload p = BasketDecoder.load(file, path, group.get(0), bk, scratch);
            for (int i = 0; i < outs.length; i++) {
                Branch b = group.get(i);
                BasketDecoder.decodeInto(file, path, b, bk, p, from, to, outs[i], pos * b.fixedLength());
            }
            pos += to - from;
        }
        Map<String, Column> out = new LinkedHashMap<>();
        for (int i = 0; i < outs.length; i++) {
            Branch b = group.get(i);
            out.put(b.name(), new Column(b.name(), b.type(), b.shape(), outs[i], null, b.fixedLength()));
        }
        return out;
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
                throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "', branch '"
                        + Names.printable(n) + "'", "cannot be read as a column: " + (b.problem().isEmpty()
                        ? b.typeName() + " (" + b.leafClass() + ") is not decoded" : b.problem()));
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
        if (!b.isSupported()) {
            readable(List.of(b.name()));
        }
        BasketDecoder.Scratch scratch = new BasketDecoder.Scratch();
        if (BasketDecoder.isFixedWidth(b)) {
            return readFixedWidth(b, start, end, scratch);
        }
        List<Column> parts = new ArrayList<>();
        for (Basket bk : b.baskets()) {
            if (bk.endEntry() <= start || bk.firstEntry() >= end || bk.entryCount() == 0) {
                continue;
            }
            Column c = BasketDecoder.decode(file, path, b, bk, scratch, k -> counterValues(b, k));
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

    /**
     * The counter values of a jagged branch over one of its baskets, to rebuild the entry boundaries of a basket
     * written without entry offsets.
     */
    long[] counterValues(Branch b, Basket bk) throws IOException {
        Branch c = byName.get(b.counter());
        if (c == null || !c.isSupported() || !c.type().isInteger()) {
            throw RootIOException.of(file.path(), "tree '" + Names.printable(path) + "', branch '"
                    + Names.printable(b.name()) + "'", "its baskets have no entry offsets (TIOFeatures "
                    + "kGenerateOffsetMap) and its counter branch '" + Names.printable(b.counter()) + "' "
                    + (c == null ? "is not in the tree" : "cannot be read" + (c.problem().isEmpty() ? ""
                    : ": " + c.problem())));
        }
        Column col = readBranch(c, bk.firstEntry(), bk.endEntry());
        long[] out = new long[col.valueCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = col.getLong(i);
        }
        return out;
    }

    private static Column emptyColumn(Branch b) {
        if (b.shape() == Shape.VECTOR_VECTOR) {
            return Column.doublyJagged(b.name(), b.type(), Column.newArray(b.type(), 0), new int[1], new int[1]);
        }
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
