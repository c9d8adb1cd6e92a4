package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Equal inputs and options give byte-identical files; the only time in a file is the one asked for. */
class DeterminismTest {
    @TempDir
    Path dir;

    private Path write(String subdir, WriterOptions options) throws IOException {
        TestColumns data = TestColumns.allTypes(400, 3, true);
        // The file name is stored in the file, so both copies get the same one.
        Path file = Files.createDirectories(dir.resolve(subdir)).resolve("same.root");
        try (RootWriter w = RootWriter.create(file, options.withBasketEntries(50))) {
            TreeWriter t = w.tree("events", "", data.specs);
            t.append(data.batch(0, 150));
            w.histogram("h/x", new TH1("x", "", "TH1D", new double[] {0, 1, 2}, new double[] {1, 2, 3, 4},
                    new double[0], 10));
            t.append(data.batch(150, 400));
        }
        return file;
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws IOException {
        Path a = write("a", WriterOptions.defaults());
        Path b = write("b", WriterOptions.defaults());
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    }

    @Test
    void timestampsAreTheFixedDefaultOrTheOneGiven() throws IOException {
        Instant t = Instant.parse("2024-03-05T06:07:08Z");
        Path fixed = write("fixed", WriterOptions.defaults());
        Path dated = write("dated", WriterOptions.defaults().withTimestamp(t));
        try (RootFile f = RootFile.open(fixed); RootFile g = RootFile.open(dated)) {
            // TDatime: (year-1995)<<26 | month<<22 | day<<17 | hour<<12 | minute<<6 | second.
            assertThat(f.key("events").datime()).isEqualTo(1 << 22 | 1 << 17);
            assertThat(g.key("events").datime()).isEqualTo(29 << 26 | 3 << 22 | 5 << 17 | 6 << 12 | 7 << 6 | 8);
            assertThat(g.key("h").datime()).isEqualTo(g.key("events").datime());
        }
        assertThat(Files.mismatch(dated, write("dated-again", WriterOptions.defaults().withTimestamp(t))))
                .isEqualTo(-1);
    }
}
