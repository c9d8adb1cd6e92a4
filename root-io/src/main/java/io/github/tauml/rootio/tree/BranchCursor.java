package io.github.tauml.rootio.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one branch forward in entry order, keeping only the baskets that overlap the range being read, so that
 * memory stays bounded by one or two baskets per branch however long the tree is.
 */
final class BranchCursor {
    private final TTree tree;
    private final Branch branch;
    private final List<Basket> baskets;
    private int next;
    private Column current;
    private long currentFirst;

    BranchCursor(TTree tree, Branch branch) {
        this.tree = tree;
        this.branch = branch;
        this.baskets = branch.baskets();
    }

    /** Entries [from, to); calls must come with non-decreasing {@code from}. */
    Column read(long from, long to) throws IOException {
        List<Column> parts = new ArrayList<>();
        long pos = from;
        while (pos < to) {
            if (current == null || pos >= currentFirst + current.entries()) {
                advanceTo(pos);
            }
            int a = (int) (pos - currentFirst);
            int b = (int) (Math.min(to, currentFirst + current.entries()) - currentFirst);
            parts.add(a == 0 && b == current.entries() ? current : current.slice(a, b));
            pos = currentFirst + b;
        }
        if (parts.isEmpty()) {
            return tree.readBranch(branch, from, from);
        }
        return Column.concat(branch.name(), branch.type(), branch.shape(), branch.fixedLength(), parts);
    }

    private void advanceTo(long entry) throws IOException {
        current = null;
        while (next < baskets.size()) {
            Basket bk = baskets.get(next++);
            if (bk.endEntry() > entry && bk.entryCount() > 0) {
                current = BasketDecoder.decode(tree.file(), tree.name(), branch, bk);
                currentFirst = bk.firstEntry();
                return;
            }
        }
        throw new IllegalStateException("branch '" + branch.name() + "' has no basket for entry " + entry);
    }
}
