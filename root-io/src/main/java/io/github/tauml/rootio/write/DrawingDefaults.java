package io.github.tauml.rootio.write;

/** TAttLine, TAttFill and TAttMarker as ROOT's constructors set them for trees, branches and histograms. */
final class DrawingDefaults {
    private DrawingDefaults() {
    }

    /** Color 602 (ROOT's default blue), solid, width 1. */
    static void line(WBuffer b) {
        int mark = b.startObject(2);
        b.i16(602).i16(1).i16(1);
        b.endObject(mark);
    }

    /** Color 0, style 1001 (solid). */
    static void fill(WBuffer b) {
        int mark = b.startObject(2);
        b.i16(0).i16(1001);
        b.endObject(mark);
    }

    /** Color 1, style 1, size 1. */
    static void marker(WBuffer b) {
        int mark = b.startObject(2);
        b.i16(1).i16(1).f32(1f);
        b.endObject(mark);
    }
}
