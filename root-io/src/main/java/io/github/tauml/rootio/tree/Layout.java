package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.streamer.PackedReal;

/**
 * Where and how one leaf's values sit in its branch's baskets.
 *
 * @param packing    the Double32_t/Float16_t encoding of TLeafD32/TLeafF16 values, null for plain big-endian values
 * @param leafOffset the leaf's first byte within an entry of a leaf list ({@code x/D:y/I:z/B}), 0 otherwise
 * @param entryBytes bytes one entry of the whole leaf list takes (the stride between a leaf's entries); 0 when the
 *                   leaf is alone in its branch
 */
public record Layout(PackedReal packing, int leafOffset, int entryBytes) {
    /** One ordinary leaf alone in its branch. */
    public static final Layout PLAIN = new Layout(null, 0, 0);

    /** Bytes one value of {@code type} takes on disk. */
    public int width(LeafType type) {
        return packing != null ? packing.width() : type.width();
    }

    /** Whether the leaf shares its entries with other leaves (a leaf list). */
    public boolean isLeafList() {
        return entryBytes > 0;
    }
}
