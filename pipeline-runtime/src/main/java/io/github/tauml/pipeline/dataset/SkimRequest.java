package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One sample of a skim, as {@code skim_tree.py} takes it: inputs, tree, selection, computed columns (run before
 * the selection, like its processing module), column lists, other trees to copy, entry ranges, output and
 * compression.
 *
 * @param sample        the sample's name, for logs and error messages
 * @param baseDirectory relative inputs resolve against it (the project directory)
 * @param inputs        files, globs, directories and {@code .txt} lists
 * @param inputPrefix   prefix for relative lines of {@code .txt} lists, or null
 * @param inputTree     the tree to skim
 * @param outputTree    the name of the skimmed tree in the output
 * @param selection     a ROOT C++ expression; blank keeps every entry
 * @param tauType       name of the recomputed true-τ-type column (reference §2.3), or null not to compute it
 * @param columns       user-defined columns, computed in order (a later one may use an earlier one)
 * @param include       columns to keep (exact names or {@code ^regex}); empty keeps all
 * @param exclude       columns to drop (exact names or {@code ^regex})
 * @param otherTrees    trees copied whole (over all inputs) into the output
 * @param inputRange    entries considered, counted over all inputs before the selection
 * @param outputRange   entries written, counted among those that pass
 * @param output        the output ROOT file
 * @param compression   output compression algorithm
 * @param level         output compression level
 * @param threads       threads of the skim: 1 runs everything (decoding, selection, compression) in the calling
 *                      thread; more run a read → select → compress pipeline, branches decoded and baskets
 *                      compressed on this many threads each; the output bytes do not depend on it
 */
public record SkimRequest(String sample, Path baseDirectory, List<String> inputs, String inputPrefix, String inputTree,
                          String outputTree, String selection, String tauType, List<ComputedColumn> columns,
                          List<String> include, List<String> exclude, List<String> otherTrees, EntryRange inputRange,
                          EntryRange outputRange, Path output, Compression compression, int level, int threads) {

    /** A column defined by an expression, written to the output with the expression's C++ type. */
    public record ComputedColumn(String name, String expression) {
        public ComputedColumn {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expression, "expression");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("column name '" + name + "' is not a valid branch name");
            }
        }
    }

    /** Entries [begin, end) as skim_tree's {@code b:e}; end −1 is open. */
    public record EntryRange(long begin, long end) {
        public static final EntryRange ALL = new EntryRange(0, -1);

        public EntryRange {
            if (begin < 0 || (end >= 0 && end < begin)) {
                throw new IllegalArgumentException("entry range " + begin + ":" + end + " is empty or negative");
            }
        }

        /** "b:e", "b:" or ":e", as skim_tree.py takes them. */
        public static EntryRange parse(String s) {
            if (s == null || s.isBlank()) {
                return ALL;
            }
            int colon = s.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry range '" + s + "' must look like begin:end");
            }
            try {
                String b = s.substring(0, colon).trim();
                String e = s.substring(colon + 1).trim();
                return new EntryRange(b.isEmpty() ? 0 : Long.parseLong(b), e.isEmpty() ? -1 : Long.parseLong(e));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("entry range '" + s + "' must look like begin:end, with numbers");
            }
        }

        public boolean contains(long i) {
            return i >= begin && (end < 0 || i < end);
        }

        public long limit() {
            return end < 0 ? Long.MAX_VALUE : end;
        }
    }

    public SkimRequest {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(inputTree, "inputTree");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(compression, "compression");
        inputs = List.copyOf(inputs);
        columns = List.copyOf(columns);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        otherTrees = List.copyOf(otherTrees);
        outputTree = outputTree == null || outputTree.isBlank() ? inputTree : outputTree;
        selection = selection == null ? "" : selection;
        inputRange = inputRange == null ? EntryRange.ALL : inputRange;
        outputRange = outputRange == null ? EntryRange.ALL : outputRange;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0..9, got " + level);
        }
    }
}
