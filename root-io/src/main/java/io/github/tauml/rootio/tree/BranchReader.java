package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.RootIOException;
import java.io.IOException;

/**
 * Reads one branch forward in entry order, range by range, holding only the baskets that overlap the current range
 * (the per-branch cursor behind {@link ColumnBatches}). Unlike a {@link ColumnBatches}, ranges may leave gaps: the
 * baskets that lie wholly inside a gap are never read or decompressed, so a reader can skip the branches of entries
 * it has already rejected.
 */
public final class BranchReader {
    private final BranchCursor cursor;
    private final Branch branch;

    private BranchReader(BranchCursor cursor, Branch branch) {
        this.cursor = cursor;
        this.branch = branch;
    }

    /**
     * A reader of {@code branchName} in {@code tree}.
     *
     * @throws RootIOException naming the file, tree and branch when the branch does not exist or cannot be read
     *                         as a column
     */
    public static BranchReader of(TTree tree, String branchName) throws RootIOException {
        Branch b = tree.branch(branchName);
        if (!b.isSupported()) {
            throw RootIOException.of(tree.file().path(), "tree '" + tree.name() + "', branch '" + branchName + "'",
                    "branches of type " + b.typeName() + " (" + b.leafClass() + ") cannot be read as columns");
        }
        return new BranchReader(new BranchCursor(tree, b), b);
    }

    public Branch branch() {
        return branch;
    }

    /**
     * Entries [from, to) of the branch. Successive calls must come with non-decreasing {@code from} (ranges may
     * leave gaps but must not go back).
     */
    public Column read(long from, long to) throws IOException {
        return cursor.read(from, to);
    }
}
