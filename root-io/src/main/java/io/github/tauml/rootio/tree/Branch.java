package io.github.tauml.rootio.tree;

import java.util.List;

/**
 * A readable branch: its name, the type and shape of its values, and its baskets. A leaf of a leaf list
 * ({@code x/D:y/I:z/B}) is a branch of its own, named {@code branch.leaf} as ROOT's {@code TTree::Draw} names it.
 * A branch whose metadata could not be understood is still listed, with {@link #problem()} saying why.
 *
 * @param name        full branch name ({@code branch.leaf} for a leaf of a leaf list; a second branch of the same
 *                    name gets the suffix {@code #2}, a third {@code #3})
 * @param title       the branch title (the leaf list, e.g. {@code Jet_Px[NJet]/F})
 * @param leafClass   TLeafF, TLeafElement, ...
 * @param className   the C++ class of a TBranchElement ({@code vector<float>}), empty otherwise
 * @param type        the primitive type of the values, or null for a layout this reader does not decode
 * @param shape       how entries are laid out
 * @param fixedLength values per entry (fixed arrays) or per counter unit (jagged {@code x[n][3]})
 * @param counter     the counter leaf of a jagged branch, empty otherwise
 * @param entries     entries in the branch
 * @param writeBasket ROOT's fWriteBasket: the baskets written to their own keys (an embedded one may follow)
 * @param compression the branch's fCompress setting
 * @param totBytes    uncompressed bytes, key headers included
 * @param zipBytes    bytes on disk, key headers included
 * @param baskets     baskets in entry order
 * @param layout      where the values sit in an entry and how they are packed
 * @param problem     why the branch cannot be read (empty when it can)
 */
public record Branch(String name, String title, String leafClass, String className, LeafType type, Shape shape,
                     int fixedLength, String counter, long entries, int writeBasket, int compression, long totBytes,
                     long zipBytes, List<Basket> baskets, Layout layout, String problem) {

    public Branch {
        layout = layout == null ? Layout.PLAIN : layout;
        problem = problem == null ? "" : problem;
    }

    /** A branch with an ordinary layout (one leaf, plain values) and no problem. */
    public Branch(String name, String title, String leafClass, String className, LeafType type, Shape shape,
                  int fixedLength, String counter, long entries, int writeBasket, int compression, long totBytes,
                  long zipBytes, List<Basket> baskets) {
        this(name, title, leafClass, className, type, shape, fixedLength, counter, entries, writeBasket,
                compression, totBytes, zipBytes, baskets, Layout.PLAIN, "");
    }

    /** A branch listed for what it is but not readable; {@code problem} says why, for the user. */
    static Branch unreadable(String name, String title, String leafClass, String className, String problem) {
        return new Branch(name, title, leafClass, className, null, Shape.SCALAR, 1, "", 0, 0, 0, 0, 0, List.of(),
                Layout.PLAIN, problem);
    }

    public boolean isSupported() {
        return type != null && problem.isEmpty();
    }

    /** The same branch under another name (duplicate names get a suffix). */
    Branch renamed(String newName) {
        return new Branch(newName, title, leafClass, className, type, shape, fixedLength, counter, entries,
                writeBasket, compression, totBytes, zipBytes, baskets, layout, problem);
    }

    /** The same branch marked unreadable for {@code why}. */
    Branch withProblem(String why) {
        return new Branch(name, title, leafClass, className, type, shape, fixedLength, counter, entries,
                writeBasket, compression, totBytes, zipBytes, baskets, layout, why);
    }

    /**
     * A C++-like description: {@code float}, {@code int32[3]}, {@code float[NJet]}, {@code vector<float>},
     * {@code vector<vector<double>>}, {@code Double32_t}.
     */
    public String typeName() {
        if (type == null) {
            return className.isEmpty() ? leafClass : className;
        }
        String t = type.displayName();
        if (layout.packing() != null) {
            t = layout.packing().float16() ? "Float16_t" : "Double32_t";
        }
        return switch (shape) {
            case SCALAR -> t;
            case FIXED -> t + "[" + fixedLength + "]";
            case JAGGED -> t + "[" + counter + "]" + (fixedLength > 1 ? "[" + fixedLength + "]" : "");
            case VECTOR -> "vector<" + t + ">";
            case VECTOR_VECTOR -> "vector<vector<" + t + ">>";
            case STRING -> "string";
            case VECTOR_STRING -> "vector<string>";
        };
    }
}
