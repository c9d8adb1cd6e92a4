package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken files, made by truncating or flipping bytes in copies of real fixtures: every failure is a
 * {@link RootIOException} that names the file and the object (and the branch and entries where it applies);
 * nothing hangs and nothing allocates without bound.
 */
class CorruptInputTest {
    @TempDir
    Path tmp;

    private Path copy(String fixture) throws IOException {
        Path p = tmp.resolve(fixture);
        Files.copy(Fixtures.file(fixture), p);
        return p;
    }

    private static void patch(Path file, long pos, byte... bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        System.arraycopy(bytes, 0, all, (int) pos, bytes.length);
        Files.write(file, all);
    }

    /** Position and key length of the first basket of a branch. */
    private static long[] firstBasket(Path file, String tree, String branch) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            Basket b = f.tree(tree).branch(branch).baskets().get(0);
            byte[] rec = f.record(b.seek(), 18, "basket");
            int keylen = ((rec[14] & 0xFF) << 8) | (rec[15] & 0xFF);
            return new long[] {b.seek(), keylen};
        }
    }

    private static void readAll(Path file) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            for (Key k : f.top().keys()) {
                if (k.className().equals("TTree")) {
                    TTree t = f.tree(k.name());
                    for (Branch b : t.branches()) {
                        if (b.isSupported()) {
                            t.readBranch(b, 0, t.entries());
                        }
                    }
                }
            }
        }
    }

    @Test
    void truncatedFileNamesTheFileAndTheMissingBytes() throws IOException {
        Path p = copy("uproot-Zmumu-zlib.root");
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> RootFile.open(p))
                .isInstanceOf(RootIOException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void notARootFile() throws IOException {
        Path p = tmp.resolve("notes.root");
        Files.writeString(p, "this is a text file, not ROOT ".repeat(10));
        assertThatThrownBy(() -> RootFile.open(p))
                .isInstanceOf(RootIOException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("not a ROOT file");
        Path empty = tmp.resolve("empty.root");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> RootFile.open(empty)).isInstanceOf(RootIOException.class)
                .hasMessageContaining("not a ROOT file");
    }

    @Test
    void missingTreeListsWhatTheFileHolds() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-HZZ.root"))) {
            assertThatThrownBy(() -> f.tree("taus"))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining("uproot-HZZ.root")
                    .hasMessageContaining("'taus'")
                    .hasMessageContaining("events (TTree)");
        }
    }

    @Test
    void missingBranchSuggestsTheClosestNames() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-HZZ.root"))) {
            TTree t = f.tree("events");
            assertThatThrownBy(() -> t.read(List.of("Jet_Pxx"), 0, 10))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining("no branch 'Jet_Pxx'")
                    .hasMessageContaining("did you mean Jet_Px");
        }
    }

    @Test
    void unknownCompressionTagNamesTheBranchAndEntries() throws IOException {
        Path p = copy("uproot-Zmumu-zlib.root");
        long[] b = firstBasket(p, "events", "px1");
        patch(p, b[0] + b[1], (byte) 'Q', (byte) 'Q');
        try (RootFile f = RootFile.open(p)) {
            TTree t = f.tree("events");
            assertThatThrownBy(() -> t.read(List.of("px1"), 0, t.entries()))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("branch 'px1'")
                    .hasMessageContaining("entries 0..")
                    .hasMessageContaining("unknown compression tag");
            // The other branches are intact and still read.
            assertThat(t.read(List.of("px2"), 0, t.entries()).get("px2").entries()).isEqualTo(2304);
        }
    }

    @Test
    void decompressedSizeDisagreeingWithTheKeyIsReported() throws IOException {
        Path p = copy("uproot-Zmumu-zlib.root");
        long[] b = firstBasket(p, "events", "E1");
        // The uncompressed size field of the first chunk header (bytes 6..8 after "ZL", method).
        patch(p, b[0] + b[1] + 6, (byte) 0x01, (byte) 0x00, (byte) 0x00);
        try (RootFile f = RootFile.open(p)) {
            TTree t = f.tree("events");
            assertThatThrownBy(() -> t.read(List.of("E1"), 0, 5))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining("branch 'E1'")
                    .hasMessageContaining("uncompressed bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uproot-Zmumu-zlib.root", "uproot-Zmumu-lz4.root", "uproot-Zmumu-zstd.root",
            "uproot-Zmumu-lzma.root"})
    void corruptBasketPayloadIsReportedForEveryAlgorithm(String fixture) throws IOException {
        Path p = copy(fixture);
        long[] b = firstBasket(p, "events", "px1");
        byte[] all = Files.readAllBytes(p);
        for (int i = 20; i < 60; i++) {
            all[(int) (b[0] + b[1] + i)] ^= (byte) 0x5A;
        }
        Files.write(p, all);
        try (RootFile f = RootFile.open(p)) {
            TTree t = f.tree("events");
            assertThatThrownBy(() -> t.read(List.of("px1"), 0, t.entries()))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining("branch 'px1'")
                    .hasMessageContaining("basket 0");
        }
    }

    @Test
    void corruptTreeKeyNamesTheObject() throws IOException {
        Path p = copy("uproot-sample-6.20.04-uncompressed.root");
        Key key;
        try (RootFile f = RootFile.open(p)) {
            key = f.key("sample");
        }
        // Garble the TTree's own streamed bytes (uncompressed file: the object follows the key header).
        byte[] all = Files.readAllBytes(p);
        for (int i = 0; i < 200; i++) {
            all[(int) key.seekKey() + key.keylen() + 100 + i] = (byte) 0xFF;
        }
        Files.write(p, all);
        try (RootFile f = RootFile.open(p)) {
            assertThatThrownBy(() -> f.tree("sample"))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("'sample'");
        }
    }

    /**
     * Random byte flips anywhere in the file: reading either succeeds (the flip hit padding or values) or fails
     * with a RootIOException; never another exception type, never a hang.
     */
    @ParameterizedTest
    @ValueSource(strings = {"uproot-HZZ.root", "uproot-sample-6.20.04-lz4.root", "uproot-stl_containers.root",
            "uproot-issue60.root"})
    void randomCorruptionFailsCleanly(String fixture) throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.file(fixture));
        Random rnd = new Random(fixture.hashCode());
        Path p = tmp.resolve("fuzz.root");
        for (int round = 0; round < Integer.getInteger("fuzz.rounds", 60); round++) {
            byte[] bytes = original.clone();
            int flips = 1 + rnd.nextInt(8);
            for (int i = 0; i < flips; i++) {
                bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            Files.write(p, bytes);
            int r = round;
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    readAll(p);
                } catch (RootIOException expected) {
                    assertThat(expected.getMessage()).as("round " + r).contains(p.toString());
                }
            }, () -> "round " + r + " hung");
        }
    }
}
