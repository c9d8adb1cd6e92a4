package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of files past 2 GB (64-bit seeks in the header, keys, directories and free segments), forced on a
 * small file: the same code path, checked field by field and read by our reader and by jsroot.
 */
class LargeFileTest {
    private static final TH1 H = new TH1("h", "", "TH1D", new double[] {0, 1, 3}, new double[] {1, 2, 3, 4},
            new double[] {1, 4, 9, 16}, 4);

    @TempDir
    Path dir;
    private Path file;
    private TestColumns data;

    @BeforeEach
    void write() throws IOException {
        data = TestColumns.allTypes(60, 9, false);
        file = dir.resolve("large.root");
        try (RootWriter w = RootWriter.createLarge(file, WriterOptions.defaults().withBasketEntries(25))) {
            w.tree("dir/events", "", data.specs).append(data.batch(0, 60));
            w.histogram("dir/h", H);
        }
    }

    @Test
    void everyRecordUses64BitSeeks() throws IOException {
        RBuffer b = new RBuffer(Files.readAllBytes(file));
        b.skip(4);
        assertThat(b.i32()).as("fVersion").isEqualTo(1_062_004);
        assertThat(b.i32()).as("fBEGIN").isEqualTo(100);
        long end = b.i64();
        long seekFree = b.i64();
        b.i32(); // fNbytesFree
        assertThat(b.i32()).as("nfree").isEqualTo(1);
        b.i32(); // fNbytesName
        assertThat(b.u8()).as("fUnits").isEqualTo(8);
        b.i32(); // fCompress
        long seekInfo = b.i64();
        assertThat(end).isEqualTo(Files.size(file));

        b.position(100);
        Key top = Key.read(b);
        b.tstring();
        b.tstring();
        assertThat(b.i16()).as("top TDirectory version").isEqualTo((short) 1005);
        b.skip(16);
        assertThat(b.i64()).as("fSeekDir").isEqualTo(100);
        assertThat(top.version()).as("the top key is made while the file is empty").isEqualTo(4);

        b.position((int) seekInfo);
        assertThat(Key.read(b)).extracting(Key::version, Key::keylen).containsExactly(1004, 72);

        b.position((int) seekFree);
        assertThat(Key.read(b).version()).isEqualTo(1004);
        assertThat(b.i16()).as("TFree version").isEqualTo((short) 1001);
        assertThat(b.i64()).as("first free byte").isEqualTo(end);
        assertThat(b.i64()).as("last free byte").isEqualTo(2_000_000_000L);

        try (RootFile f = RootFile.open(file)) {
            assertThat(f.version()).isEqualTo(1_062_004);
            Key sub = f.key("dir");
            assertThat(sub.version()).isEqualTo(1004);
            RBuffer d = new RBuffer(f.payload(sub));
            assertThat(d.i16()).as("subdirectory TDirectory version").isEqualTo((short) 1005);
            assertThat(f.top().subdirectory("dir").keys()).allSatisfy(k -> assertThat(k.version()).isEqualTo(1004));
            TTree t = f.tree("dir/events");
            for (Basket k : t.branch("float32_vector").baskets()) {
                assertThat(Key.read(new RBuffer(f.record(k.seek(), k.bytes(), "basket"))).version()).isEqualTo(1004);
            }
        }
    }

    @Test
    void ourReaderReadsIt() throws IOException {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("dir/events");
            for (BranchSpec s : data.specs) {
                assertThat(t.readBranch(t.branch(s.name()), 0, 60).values()).as(s.name())
                        .isEqualTo(data.columns.get(s.name()).values());
            }
            assertThat(f.histogram("dir/h").contents()).containsExactly(H.contents());
        }
    }

    @Test
    void jsrootReadsIt() throws IOException {
        JsRootWriteTest.assertAgreesWithJsroot(file, "dir/events", data);
        JsonNode h = JsRoot.script("jsroot-hist.mjs", file.toString(), "dir/h");
        assertThat(h.get("xbins")).hasSize(3);
        assertThat(h.get("contents").get(3).asDouble()).isEqualTo(4);
    }
}
