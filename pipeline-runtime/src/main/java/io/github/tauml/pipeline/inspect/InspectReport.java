package io.github.tauml.pipeline.inspect;

import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import io.github.tauml.rootio.tree.Branch;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Inspector} found in a file, ready to {@link #render()}.
 *
 * @param file        the file, absolute
 * @param rootVersion fVersion as written, e.g. 62004 for ROOT 6.20/04 (plus 1000000 with 64-bit seeks)
 * @param size        bytes on disk
 * @param compression the file's fCompress setting
 * @param keys        every key of every directory, depth first, in key-list order
 * @param trees       the trees inspected
 * @param format      how {@link #render()} shows the report; branch statistics exist only for {@link Format#JSON}
 */
public record InspectReport(Path file, int rootVersion, long size, int compression, List<KeyEntry> keys,
                            List<TreeReport> trees, Format format) {

    public InspectReport {
        keys = List.copyOf(keys);
        trees = List.copyOf(trees);
    }

    /** One key: {@code directory} is "" at the top, "a/b" below it. */
    public record KeyEntry(String directory, String name, int cycle, String className, String title) {
        public String path() {
            return directory.isEmpty() ? name : directory + "/" + name;
        }
    }

    /**
     * One tree.
     *
     * @param path             where it lives, e.g. {@code events} or {@code dir/taus}
     * @param topLevelBranches branches directly under the tree (jsroot's {@code nBranches})
     * @param branches         the leaf-level branches reported, in tree order
     */
    public record TreeReport(String path, String title, long entries, int topLevelBranches,
                             List<BranchReport> branches, List<String> warnings) {
        public TreeReport {
            branches = List.copyOf(branches);
            warnings = List.copyOf(warnings);
        }

        public TreeReport(String path, String title, long entries, int topLevelBranches,
                          List<BranchReport> branches) {
            this(path, title, entries, topLevelBranches, branches, List.of());
        }
    }

    /**
     * One branch.
     *
     * @param branch       the reader's description (type, shape, compression, bytes)
     * @param writeBaskets fWriteBasket: baskets written to their own keys (jsroot's {@code baskets})
     * @param stats        count, sum and first values; null in text reports and for branches the reader cannot decode
     * @param problem      why the branch could not be read (its metadata or its baskets), empty when it could
     */
    public record BranchReport(Branch branch, int writeBaskets, BranchStats stats, String problem) {
        public BranchReport {
            problem = problem == null ? "" : problem;
        }

        public BranchReport(Branch branch, int writeBaskets, BranchStats stats) {
            this(branch, writeBaskets, stats, branch.problem());
        }
    }

    /**
     * The numbers jsroot's reference script computes for a branch.
     *
     * @param count  numeric values in the whole branch (booleans count, strings and NaN do not)
     * @param sum    their sum: exact ({@link Long} or {@link java.math.BigInteger}) for integer types, a
     *               {@link Double} summed in entry order for floating-point types
     * @param first3 entries 0..2: a number or a string per entry, or a list for arrays, jagged arrays and vectors
     */
    public record BranchStats(long count, Number sum, List<Object> first3) {
        public BranchStats {
            first3 = List.copyOf(first3);
        }
    }

    public String render() {
        return format == Format.JSON ? JsonListing.render(this) : TextListing.render(this);
    }
}
