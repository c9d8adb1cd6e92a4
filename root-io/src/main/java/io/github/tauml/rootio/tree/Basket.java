package io.github.tauml.rootio.tree;

/**
 * Where one basket of a branch lives: a separate key at {@code seek} of {@code bytes} bytes, or embedded in the
 * TTree record ({@code embedded} holds its uncompressed buffer and entry offsets).
 */
public record Basket(int index, long firstEntry, long entryCount, long seek, int bytes, Embedded embedded) {

    /** A basket streamed inside the TTree: its buffer (key header space included) and its entry offsets. */
    public record Embedded(byte[] buffer, int keylen, int last, int[] entryOffsets) {
    }

    public long endEntry() {
        return firstEntry + entryCount;
    }
}
