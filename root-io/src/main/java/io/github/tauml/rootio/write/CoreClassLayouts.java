package io.github.tauml.rootio.write;

import io.github.tauml.rootio.streamer.ClassInfo;
import java.util.Optional;

/**
 * Built-in descriptions of the core I/O classes (TObject, TNamed, TAttLine/Fill/Marker, ROOT::TIOFeatures, TTree
 * v20, TBranch v13, TBranchElement v10, TLeaf v2 and its TLeafO/B/S/I/L/F/D/C v1 subclasses, TLeafElement v1,
 * TH1/TAxis...) as ROOT 6 declares them. A reader uses them for files whose StreamerInfo leaves these classes out
 * (files written by groot and by other tools that assume the reader knows them), the way ROOT and uproot do.
 */
public final class CoreClassLayouts {
    private CoreClassLayouts() {
    }

    /** The built-in layout of {@code className}, if it is one of the core classes. */
    public static Optional<ClassInfo> of(String className) {
        try {
            return Optional.of(StreamerCatalog.info(className));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
