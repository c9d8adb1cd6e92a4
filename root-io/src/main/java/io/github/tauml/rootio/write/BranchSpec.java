package io.github.tauml.rootio.write;

import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.List;
import java.util.Objects;

/**
 * One branch of a tree to write.
 * <ul>
 *   <li>{@link Shape#SCALAR}: one value per entry, {@code x/F};</li>
 *   <li>{@link Shape#FIXED}: {@code fixedLength} values per entry, {@code x[3]/F};</li>
 *   <li>{@link Shape#JAGGED}: {@code counter * fixedLength} values per entry, where {@code counter} names a scalar
 *       integer branch declared before it in the same tree, {@code x[n]/F} (ROOT's leaf-count array);</li>
 *   <li>{@link Shape#VECTOR}: a {@code std::vector<T>} per entry (TBranchElement).</li>
 *   <li>{@link Shape#VECTOR_VECTOR}: a {@code std::vector<std::vector<T>>} per entry (TBranchElement), written as
 *       ROOT writes it: the STL header and the outer size, then each inner vector's size and values.</li>
 * </ul>
 * Strings are not supported.
 */
public record BranchSpec(String name, LeafType type, Shape shape, int fixedLength, String counter,
                         List<BranchSpec> leaves) {
    public BranchSpec {
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("[") || name.contains(";")) {
            throw new IllegalArgumentException("branch name must be non-empty and free of '/', '[' and ';': '"
                    + name + "'");
        }
        if (type == LeafType.STRING) {
            throw new IllegalArgumentException("branch '" + name + "': string branches are not supported");
        }
        switch (shape) {
            case SCALAR, VECTOR, VECTOR_VECTOR -> {
                if (fixedLength != 1 || counter != null) {
                    throw new IllegalArgumentException("branch '" + name + "': a " + shape
                            + " branch has fixedLength 1 and no counter");
                }
            }
            case FIXED -> {
                if (fixedLength < 1 || counter != null) {
                    throw new IllegalArgumentException("branch '" + name + "': a fixed array needs fixedLength >= 1 "
                            + "and no counter, got " + fixedLength);
                }
            }
            case JAGGED -> {
                if (fixedLength < 1 || counter == null || counter.isEmpty()) {
                    throw new IllegalArgumentException("branch '" + name + "': a jagged array needs a counter branch "
                            + "and fixedLength >= 1");
                }
            }
            default -> throw new IllegalArgumentException("branch '" + name + "': shape " + shape
                    + " is not supported");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (BranchSpec l : leaves) {
            if ((l.shape != Shape.SCALAR && l.shape != Shape.FIXED) || !l.leaves.isEmpty()) {
                throw new IllegalArgumentException("branch '" + name + "': leaf '" + l.name + "' of a leaf list must "
                        + "be a scalar or a fixed array, got " + l.shape);
            }
            if (!seen.add(l.name) || l.name.contains(".")) {
                throw new IllegalArgumentException("branch '" + name + "': leaf names of a leaf list must be unique "
                        + "and free of '.', got '" + l.name + "' twice or with a dot");
            }
        }
    }

    /** A branch with one leaf. */
    public BranchSpec(String name, LeafType type, Shape shape, int fixedLength, String counter) {
        this(name, type, shape, fixedLength, counter, List.of());
    }

    /**
     * A leaf list ({@code x/D:y/I:z/B}): one branch whose entries hold the leaves one after the other, each leaf a
     * scalar or a fixed array. Batches give one column per leaf, named {@code branch.leaf} as the reader names them.
     */
    public static BranchSpec leafList(String name, List<BranchSpec> leaves) {
        if (leaves == null || leaves.size() < 2) {
            throw new IllegalArgumentException("branch '" + name + "': a leaf list needs at least two leaves");
        }
        return new BranchSpec(name, leaves.get(0).type(), Shape.SCALAR, 1, null, leaves);
    }

    /** Whether this is a leaf list. */
    public boolean isLeafList() {
        return !leaves.isEmpty();
    }

    /** Bytes per entry of a leaf list, or of a scalar/fixed branch. */
    int entryBytes() {
        if (leaves.isEmpty()) {
            return fixedLength * type.width();
        }
        int n = 0;
        for (BranchSpec l : leaves) {
            n += l.fixedLength * l.type.width();
        }
        return n;
    }

    /** The branch title ROOT gives a leaf list: {@code x/D:y[3]/I:z/B}. */
    String leafListTitle() {
        StringBuilder b = new StringBuilder();
        for (BranchSpec l : leaves) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(l.leafTitle()).append('/').append(l.type.code());
        }
        return b.toString();
    }

    public static BranchSpec scalar(String name, LeafType type) {
        return new BranchSpec(name, type, Shape.SCALAR, 1, null);
    }

    public static BranchSpec fixed(String name, LeafType type, int length) {
        return new BranchSpec(name, type, Shape.FIXED, length, null);
    }

    public static BranchSpec jagged(String name, LeafType type, String counter) {
        return new BranchSpec(name, type, Shape.JAGGED, 1, counter);
    }

    public static BranchSpec vector(String name, LeafType type) {
        return new BranchSpec(name, type, Shape.VECTOR, 1, null);
    }

    /** A {@code std::vector<std::vector<T>>} per entry (TBranchElement), from a doubly-jagged column. */
    public static BranchSpec vectorOfVectors(String name, LeafType type) {
        return new BranchSpec(name, type, Shape.VECTOR_VECTOR, 1, null);
    }

    /** Whether the branch is written as a TBranchElement of an STL class. */
    boolean isStl() {
        return shape == Shape.VECTOR || shape == Shape.VECTOR_VECTOR;
    }

    /** The STL class of a TBranchElement branch, as StreamerInfo declares it. */
    io.github.tauml.rootio.streamer.ClassInfo stlClass() {
        return shape == Shape.VECTOR ? StreamerCatalog.vectorOf(type) : StreamerCatalog.vectorOfVectors(type);
    }

    /** The leaf title: {@code x}, {@code x[3]}, {@code x[n]} or {@code x[n][3]}. */
    String leafTitle() {
        return switch (shape) {
            case FIXED -> name + "[" + fixedLength + "]";
            case JAGGED -> name + "[" + counter + "]" + (fixedLength > 1 ? "[" + fixedLength + "]" : "");
            default -> name;
        };
    }
}
