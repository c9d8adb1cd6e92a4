package io.github.tauml.rootio.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one branch forward in entry order, keeping only the baskets that overlap the range being read, so that
 * memory stays bounded by one or two baskets per branch however long the tree is. Scalar and fixed-size branches
 * keep the current basket's decompressed bytes and decode each batch straight from them into the batch's array;
 * other branches keep the current basket as a decoded column and slice it.
 */
final class BranchCursor {
    private final TTree tree;
    private final Branch branch;
    /** The leaves read with this cursor: {@link #branch} alone, or every wanted leaf of one leaf list. */
    private final List<Branch> group;
    private final List<Basket> baskets;
    private final boolean fixedWidth;
    private final BasketDecoder.Scratch scratch = new BasketDecoder.Scratch();
    private int next;
    private Column current;
    private Basket currentBasket;
    private BasketDecoder.Payload payload;
    private long currentFirst;
    private long currentEnd;

    BranchCursor(TTree tree, Branch branch) {
        this(tree, List.of(branch));
    }

    /** A cursor over branches that share their baskets (leaves of one leaf list, all fixed-width). */
    BranchCursor(TTree tree, List<Branch> group) {
        this.tree = tree;
        this.branch = group.get(0);
        this.group = List.copyOf(group);
        this.baskets = branch.baskets();
        this.fixedWidth = BasketDecoder.isFixedWidth(branch);
    }

    /** Entries [from, to); calls must come with non-decreasing {@code from}. */
    Column read(long from, long to) throws IOException {
        if (fixedWidth) {
            return readFixedWidth(from, to);
        }
        List<Column> parts = new ArrayList<>();
        long pos = from;
        while (pos < to) {
            if (current == null || pos >= currentEnd) {
                advanceTo(pos);
            }
            int a = (int) (pos - currentFirst);
            int b = (int) (Math.min(to, currentEnd) - currentFirst);
            parts.add(a == 0 && b == current.entries() ? current : current.slice(a, b));
            pos = currentFirst + b;
        }
        if (parts.isEmpty()) {
            return tree.readBranch(branch, from, from);
        }
        return Column.concat(branch.name(), branch.type(), branch.shape(), branch.fixedLength(), parts);
    }

    /** Entries [from, to) of every branch of the group, by name; each basket is loaded once for all of them. */
    java.util.Map<String, Column> readGroup(long from, long to) throws IOException {
        if (group.size() == 1) {
            return java.util.Map.of(branch.name(), read(from, to));
        }
        Object[] outs = new Object[group.size()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = Column.newArray(group.get(i).type(), Math.toIntExact((to - from) * group.get(i).fixedLength()));
        }
        long pos = from;
        int done = 0;
        while (pos < to) {
            if (payload == null || pos >= currentEnd) {
                advanceTo(pos);
            }
            int a = (int) (pos - currentFirst);
            int b = (int) (Math.min(to, currentEnd) - currentFirst);
            for (int i = 0; i < outs.length; i++) {
                Branch g = group.get(i);
                BasketDecoder.decodeInto(tree.file(), tree.name(), g, currentBasket, payload, a, b, outs[i],
                        done * g.fixedLength());
            }
            done += b - a;
            pos = currentFirst + b;
        }
        java.util.Map<String, Column> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < outs.length; i++) {
            Branch g = group.get(i);
            out.put(g.name(), new Column(g.name(), g.type(), g.shape(), outs[i], null, g.fixedLength()));
        }
        return out;
    }

    private Column readFixedWidth(long from, long to) throws IOException {
        int per = branch.fixedLength();
        Object out = Column.newArray(branch.type(), Math.toIntExact((to - from) * per));
        long pos = from;
        int outPos = 0;
        while (pos < to) {
            if (payload == null || pos >= currentEnd) {
                advanceTo(pos);
            }
            int a = (int) (pos - currentFirst);
            int b = (int) (Math.min(to, currentEnd) - currentFirst);
            BasketDecoder.decodeInto(tree.file(), tree.name(), branch, currentBasket, payload, a, b, out, outPos);
            outPos += (b - a) * per;
            pos = currentFirst + b;
        }
        return new Column(branch.name(), branch.type(), branch.shape(), out, null, per);
    }

    private void advanceTo(long entry) throws IOException {
        current = null;
        payload = null;
        while (next < baskets.size()) {
            Basket bk = baskets.get(next++);
            if (bk.endEntry() > entry && bk.entryCount() > 0) {
                if (fixedWidth) {
                    // The payload may live in the scratch buffers: valid until the next basket is loaded.
                    payload = BasketDecoder.load(tree.file(), tree.name(), branch, bk, scratch);
                } else {
                    current = BasketDecoder.decode(tree.file(), tree.name(), branch, bk, scratch,
                            k -> tree.counterValues(branch, k));
                }
                currentBasket = bk;
                currentFirst = bk.firstEntry();
                currentEnd = bk.endEntry();
                return;
            }
        }
        throw new IllegalStateException("branch '" + branch.name() + "' has no basket for entry " + entry);
    }
}
