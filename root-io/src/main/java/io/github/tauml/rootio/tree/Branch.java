package io.github.tauml.rootio.tree;

import java.util.List;

/**
 * A readable branch: its name, the type and shape of its values, and its baskets.
 *
 * @param name        full branch name
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
 */
public record Branch(String name, String title, String leafClass, String className, LeafType type, Shape shape,
                     int fixedLength, String counter, long entries, int writeBasket, int compression, long totBytes, long zipBytes,
                     List<Basket> baskets) {

    public boolean isSupported() {
        return type != null;
    }

    /** A C++-like description: {@code float}, {@code int32[3]}, {@code float[NJet]}, {@code vector<float>}. */
    public String typeName() {
        if (type == null) {
            return className.isEmpty() ? leafClass : className;
        }
        String t = type.displayName();
        return switch (shape) {
            case SCALAR -> t;
            case FIXED -> t + "[" + fixedLength + "]";
            case JAGGED -> t + "[" + counter + "]" + (fixedLength > 1 ? "[" + fixedLength + "]" : "");
            case VECTOR -> "vector<" + t + ">";
            case STRING -> "string";
            case VECTOR_STRING -> "vector<string>";
        };
    }
}
