package io.github.tauml.rootio.write;

import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TTree record: TTree v20 with TBranch v13 (TBranchElement v10 for std::vector branches) and their leaves,
 * member by member as ROOT 6.20 streams them. Constants are ROOT's defaults for a new tree.
 */
final class TreeSerializer {
    /** kNotDeleted | kIsOnHeap, as every heap object ROOT writes; a TTree adds kMustCleanup, a TBranch bit 22. */
    private static final int HEAP_BITS = 0x03000000;
    private static final int TREE_BITS = 0x03000008;
    private static final int BRANCH_BITS = 0x03400000;
    /** The tree owns its branches: its fBranches array carries TCollection::kIsOwner. */
    private static final int OWNER_BITS = 0x03004000;
    private static final int TREE_VERSION = 20;
    private static final int BRANCH_VERSION = 13;
    private static final int BRANCH_ELEMENT_VERSION = 10;
    private static final int LEAF_VERSION = 2;
    private static final int OBJARRAY_VERSION = 3;
    /** ROOT's default split level for a top-level object branch, and the version of std::vector's class. */
    private static final int SPLIT_LEVEL = 99;
    private static final int STL_CLASS_VERSION = 6;
    /** TTree::fAutoFlush and fAutoSave defaults: flush every 30 MB, save every 300 MB (negative = bytes). */
    static final long DEFAULT_AUTO_FLUSH = -30_000_000L;
    private static final long DEFAULT_AUTO_SAVE = -300_000_000L;
    private static final long MAX_ENTRIES = 1_000_000_000_000L;

    /** What the record needs to know about the tree besides its branches. */
    record TreeState(String name, String title, long entries, long autoFlush, long flushedBytes, int compress,
                     List<BranchWriter> branches, Map<String, BranchWriter> byName, Set<String> counters) {
    }

    private TreeSerializer() {
    }

    static byte[] payload(TreeState t, int keylen) {
        WBuffer b = new WBuffer(keylen, 4096 + 512 * t.branches().size());
        long totBytes = 0;
        long zipBytes = 0;
        for (BranchWriter br : t.branches()) {
            totBytes += br.totBytes();
            zipBytes += br.zipBytes();
        }
        int tree = b.startObject(TREE_VERSION);
        b.tnamed(TREE_BITS, t.name(), t.title());
        DrawingDefaults.line(b);
        DrawingDefaults.fill(b);
        DrawingDefaults.marker(b);
        b.i64(t.entries()).i64(totBytes).i64(zipBytes);
        b.i64(0); // fSavedBytes: we never AutoSave
        b.i64(t.flushedBytes());
        b.f64(1.0); // fWeight
        b.i32(0).i32(25).i32(0); // fTimerInterval, fScanField, fUpdate
        b.i32(BranchWriter.DEFAULT_ENTRY_OFFSET_LEN);
        b.i32(0); // fNClusterRange: one cluster size (fAutoFlush) covers the tree
        b.i64(MAX_ENTRIES).i64(MAX_ENTRIES); // fMaxEntries, fMaxEntryLoop
        b.i64(0); // fMaxVirtualSize
        b.i64(DEFAULT_AUTO_SAVE).i64(t.autoFlush());
        b.i64(1_000_000); // fEstimate
        b.i8(0).i8(0); // fClusterRangeEnd, fClusterSize: empty arrays
        ioFeatures(b);
        objArray(b, OWNER_BITS, t.branches().size(), () -> {
            for (BranchWriter br : t.branches()) {
                branch(b, br, t);
            }
        });
        int leaves = 0;
        for (BranchWriter br : t.branches()) {
            leaves += br.leaves.length;
        }
        objArray(b, HEAP_BITS, leaves, () -> {
            for (BranchWriter br : t.branches()) {
                if (br.spec.isLeafList()) {
                    listLeaves(b, br);
                    continue;
                }
                b.objectAny(br.leaf, leafClass(br.spec), w -> leaf(w, br, t));
            }
        });
        // fAliases, fIndexValues (empty TArrayD), fIndex (empty TArrayI), fTreeIndex, fFriends, fUserInfo,
        // fBranchRef: all null or empty.
        for (int i = 0; i < 7; i++) {
            b.i32(0);
        }
        b.endObject(tree);
        return b.toByteArray();
    }

    private static void branch(WBuffer b, BranchWriter br, TreeState t) {
        if (br.spec.isStl()) {
            b.objectAny(br, "TBranchElement", w -> {
                int element = w.startObject(BRANCH_ELEMENT_VERSION);
                branchBody(w, br, t, SPLIT_LEVEL);
                w.tstring(br.spec.stlClass().name()); // fClassName
                w.tstring("").tstring(""); // fParentName, fClonesName
                w.i32((int) br.spec.stlClass().checksum());
                w.i16(STL_CLASS_VERSION);
                w.i32(-1).i32(0).i32(-1).i32(0); // fID, fType (top-level leaf node), fStreamerType, fMaximum
                w.i32(0).i32(0); // fBranchCount, fBranchCount2
                w.endObject(element);
            });
        } else {
            b.objectAny(br, "TBranch", w -> branchBody(w, br, t, 0));
        }
    }

    private static void branchBody(WBuffer b, BranchWriter br, TreeState t, int splitLevel) {
        int baskets = br.baskets();
        // The arrays have room for one more basket than written (fBasketEntry of that slot is the entry count),
        // and never fewer than 10 slots.
        int maxBaskets = Math.max(10, baskets + 1);
        int branch = b.startObject(BRANCH_VERSION);
        String title = br.spec.isStl() ? br.name() : br.spec.isLeafList() ? br.spec.leafListTitle()
                : br.spec.leafTitle() + "/" + br.spec.type().code();
        b.tnamed(BRANCH_BITS, br.name(), title);
        DrawingDefaults.fill(b);
        b.i32(t.compress()).i32(BranchWriter.BASKET_SIZE).i32(br.entryOffsetLen());
        b.i32(baskets); // fWriteBasket
        b.i64(br.entries()); // fEntryNumber
        ioFeatures(b);
        b.i32(0).i32(maxBaskets).i32(splitLevel); // fOffset, fMaxBaskets, fSplitLevel
        b.i64(br.entries()).i64(0).i64(br.totBytes()).i64(br.zipBytes()); // fEntries, fFirstEntry, ...
        objArray(b, HEAP_BITS, 0, () -> {
        });
        if (br.spec.isLeafList()) {
            objArray(b, HEAP_BITS, br.leaves.length, () -> listLeaves(b, br));
        } else {
            objArray(b, HEAP_BITS, 1, () -> b.objectAny(br.leaf, leafClass(br.spec), w -> leaf(w, br, t)));
        }
        objArray(b, HEAP_BITS, baskets + 1, () -> { // fBaskets: every basket is on disk, so every slot is empty
            for (int i = 0; i <= baskets; i++) {
                b.i32(0);
            }
        });
        b.i8(1);
        for (int i = 0; i < maxBaskets; i++) {
            b.i32(i < baskets ? br.basketBytes(i) : 0);
        }
        b.i8(1);
        for (int i = 0; i < maxBaskets; i++) {
            b.i64(i < baskets ? br.basketEntry(i) : i == baskets ? br.entries() : 0);
        }
        b.i8(1);
        for (int i = 0; i < maxBaskets; i++) {
            b.i64(i < baskets ? br.basketSeek(i) : 0);
        }
        b.tstring(""); // fFileName: baskets are in this file
        b.endObject(branch);
    }

    private static String leafClass(BranchSpec spec) {
        return spec.isStl() ? "TLeafElement" : spec.type().leafClass();
    }

    private static void leaf(WBuffer b, BranchWriter br, TreeState t) {
        BranchSpec spec = br.spec;
        int leaf = b.startObject(1);
        int base = b.startObject(LEAF_VERSION);
        if (spec.isStl()) {
            b.tnamed(HEAP_BITS, spec.name(), spec.name());
            b.i32(1).i32(0).i32(0); // fLen, fLenType (the element describes the type), fOffset
            b.bool(false).bool(false).i32(0); // fIsRange, fIsUnsigned, fLeafCount
            b.endObject(base);
            b.i32(-1).i32(-1); // fID, fType
            b.endObject(leaf);
            return;
        }
        boolean counter = t.counters().contains(spec.name());
        b.tnamed(HEAP_BITS, spec.name(), spec.leafTitle());
        b.i32(spec.shape() == Shape.SCALAR ? 1 : spec.fixedLength()).i32(spec.type().width()).i32(0);
        b.bool(counter).bool(spec.type().isUnsigned());
        if (spec.shape() == Shape.JAGGED) {
            BranchWriter c = t.byName().get(spec.counter());
            b.objectAny(c.leaf, leafClass(c.spec), w -> leaf(w, c, t));
        } else {
            b.i32(0);
        }
        b.endObject(base);
        // fMinimum, fMaximum: ROOT tracks the maximum of leaf-count leaves only.
        range(b, spec.type(), 0);
        range(b, spec.type(), counter ? br.maximum() : 0);
        b.endObject(leaf);
    }

    /** The leaves of a leaf list, each at its byte offset within the entry (TLeaf::fOffset). */
    private static void listLeaves(WBuffer b, BranchWriter br) {
        int offset = 0;
        for (int i = 0; i < br.leaves.length; i++) {
            BranchSpec l = br.spec.leaves().get(i);
            int at = offset;
            b.objectAny(br.leaves[i], l.type().leafClass(), w -> {
                int leaf = w.startObject(1);
                int base = w.startObject(LEAF_VERSION);
                w.tnamed(HEAP_BITS, l.name(), l.leafTitle());
                w.i32(l.fixedLength()).i32(l.type().width()).i32(at); // fLen, fLenType, fOffset
                w.bool(false).bool(l.type().isUnsigned()).i32(0); // fIsRange, fIsUnsigned, fLeafCount
                w.endObject(base);
                range(w, l.type(), 0);
                range(w, l.type(), 0);
                w.endObject(leaf);
            });
            offset += l.fixedLength() * l.type().width();
        }
    }

    private static void range(WBuffer b, LeafType type, long v) {
        switch (type) {
            case BOOL, INT8, UINT8 -> b.i8((int) v);
            case INT16, UINT16 -> b.i16((int) v);
            case INT32, UINT32 -> b.i32((int) v);
            case INT64, UINT64 -> b.i64(v);
            case FLOAT32 -> b.f32(v);
            case FLOAT64 -> b.f64(v);
            case STRING -> throw new IllegalArgumentException("string leaves are not written");
        }
    }


    /** ROOT::TIOFeatures: a class without TObject, so its version (0) is followed by its checksum. */
    private static void ioFeatures(WBuffer b) {
        int mark = b.startObject(0);
        b.i32((int) StreamerCatalog.info("ROOT::TIOFeatures").checksum());
        b.i8(0); // fIOBits
        b.endObject(mark);
    }

    private static void objArray(WBuffer b, int bits, int n, Runnable items) {
        int mark = b.startObject(OBJARRAY_VERSION);
        b.tobject(bits);
        b.tstring("");
        b.i32(n).i32(0); // size, lower bound
        items.run();
        b.endObject(mark);
    }
}
