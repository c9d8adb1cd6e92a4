package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TH1D histograms, in the top directory and in subdirectories, read back by our reader and by jsroot. */
class HistogramWriteTest {
    @TempDir
    Path dir;

    private static final TH1 FIXED = new TH1("ignored", "m_{T} inclusive", "TH1D", new double[] {0, 50, 100, 150, 200},
            new double[] {1.5, 10, 20.25, 30, 5, 0.5}, new double[] {2.25, 12, 25, 40, 6, 0.25}, 67);
    private static final TH1 VARIABLE = new TH1("v", "variable bins", "TH1D", new double[] {-1, 0, 0.5, 2.5},
            new double[] {0, 3, -1, 7, 2}, new double[0], 11);

    @Test
    void histogramsInSubdirectoriesReadBackExactly() throws IOException {
        Path file = write();
        try (RootFile f = RootFile.open(file)) {
            TH1 h = f.histogram("mt_inclusive/EMB");
            assertThat(h.className()).isEqualTo("TH1D");
            assertThat(h.name()).isEqualTo("EMB");
            assertThat(h.title()).isEqualTo(FIXED.title());
            assertThat(h.edges()).containsExactly(FIXED.edges());
            assertThat(h.contents()).containsExactly(FIXED.contents());
            assertThat(h.sumw2()).containsExactly(FIXED.sumw2());
            assertThat(h.entries()).isEqualTo(FIXED.entries());
            assertThat(h.hasFixedBins()).isTrue();

            TH1 v = f.histogram("a/b/variable");
            assertThat(v.edges()).containsExactly(VARIABLE.edges());
            assertThat(v.contents()).containsExactly(VARIABLE.contents());
            assertThat(v.sumw2()).isEmpty();
            assertThat(v.hasFixedBins()).isFalse();

            assertThat(f.histogram("top").contents()).containsExactly(FIXED.contents());
            assertThat(f.tree("mt_inclusive/taus").entries()).isEqualTo(2);
            assertThat(f.top().subdirectory("a").subdirectory("b").path()).isEqualTo("a/b");
            assertThat(f.top().subdirectory("mt_inclusive").keys()).extracting(k -> k.name() + " " + k.className())
                    .containsExactly("EMB TH1D", "taus TTree");
        }
    }

    @Test
    void theHistogramStreamerInfoListsWhatRootLists() throws IOException {
        try (RootFile f = RootFile.open(write())) {
            List<String> names = new ArrayList<>();
            f.streamers().all().forEach(c -> names.add(c.name()));
            // The classes ROOT lists for a TH1D (TArrayD and TArray are streamed by hand and not listed) ...
            assertThat(names).contains("TH1D", "TH1", "TAxis", "TAttAxis", "THashList", "TList", "TSeqCollection",
                    "TCollection", "TNamed", "TObject", "TString", "TAttLine", "TAttFill", "TAttMarker");
            assertThat(names).doesNotContain("TArrayD", "TArray");
            ClassInfo th1d = f.streamers().find("TH1D", 3);
            assertThat(th1d.checksum()).isEqualTo(0xf9b1569fL);
        }
    }

    @Test
    void jsrootReadsTheHistograms() throws IOException {
        Path file = write();
        JsonNode h = JsRoot.script("jsroot-hist.mjs", file.toString(), "mt_inclusive/EMB");
        assertThat(h.get("className").asText()).isEqualTo("TH1D");
        assertThat(h.get("name").asText()).isEqualTo("EMB");
        assertThat(h.get("title").asText()).isEqualTo(FIXED.title());
        assertThat(h.get("nbins").asInt()).isEqualTo(4);
        assertThat(h.get("xmin").asDouble()).isEqualTo(0);
        assertThat(h.get("xmax").asDouble()).isEqualTo(200);
        assertThat(h.get("xbins")).isEmpty();
        assertThat(doubles(h.get("contents"))).containsExactly(FIXED.contents());
        assertThat(doubles(h.get("sumw2"))).containsExactly(FIXED.sumw2());
        assertThat(h.get("entries").asDouble()).isEqualTo(67);
        // Statistics from the in-range bins at their centres: 10*25 + 20.25*75 + 30*125 + 5*175.
        assertThat(h.get("tsumw").asDouble()).isEqualTo(65.25);
        assertThat(h.get("tsumw2").asDouble()).isEqualTo(83);
        assertThat(h.get("tsumwx").asDouble()).isCloseTo(6393.75, within(1e-9));
        assertThat(h.get("functions").asInt()).isZero();

        JsonNode v = JsRoot.script("jsroot-hist.mjs", file.toString(), "a/b/variable");
        assertThat(doubles(v.get("xbins"))).containsExactly(VARIABLE.edges());
        assertThat(doubles(v.get("contents"))).containsExactly(VARIABLE.contents());
        assertThat(v.get("sumw2")).isEmpty();
    }

    private Path write() throws IOException {
        Path file = dir.resolve("hists.root");
        try (RootWriter w = RootWriter.create(file)) {
            w.histogram("mt_inclusive/EMB", FIXED);
            w.tree("mt_inclusive/taus", "", List.of(BranchSpec.scalar("pt", LeafType.FLOAT32)))
                    .append(Map.of("pt", new Column("pt", LeafType.FLOAT32, Shape.SCALAR, new float[] {1, 2}, null, 1)));
            w.histogram("a/b/variable", VARIABLE);
            w.histogram("top", FIXED);
        }
        return file;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
