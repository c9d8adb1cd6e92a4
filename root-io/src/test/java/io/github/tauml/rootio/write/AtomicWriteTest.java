package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target path holds either its previous content or the complete new file, never a partial one. */
class AtomicWriteTest {
    private static final List<BranchSpec> SPECS = List.of(BranchSpec.scalar("x", LeafType.FLOAT32));
    private static final byte[] OLD = "previous content".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static Map<String, Column> batch(int n) {
        return Map.of("x", new Column("x", LeafType.FLOAT32, Shape.SCALAR, new float[n], null, 1));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void anExceptionMidWriteLeavesNoTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.root");
        RootWriter w = RootWriter.create(target, WriterOptions.defaults().withBasketEntries(10));
        TreeWriter t = w.tree("t", "", SPECS);
        t.append(batch(25)); // two baskets are on disk, in the temporary file
        assertThat(files()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .startsWith("out.root.tmp-"));
        Map<String, Column> wrong = Map.of("x", new Column("x", LeafType.INT32, Shape.SCALAR, new int[3], null, 1));
        assertThatThrownBy(() -> t.append(wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(files()).isEmpty();
        assertThatThrownBy(() -> t.append(batch(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aborted");
        w.close(); // nothing left to publish
        assertThat(files()).isEmpty();
    }

    @Test
    void abortKeepsTheExistingTarget() throws IOException {
        Path target = Files.write(dir.resolve("out.root"), OLD);
        try (RootWriter w = RootWriter.create(target)) {
            w.tree("t", "", SPECS).append(batch(5));
            w.abort();
            w.abort();
        }
        assertThat(files()).containsExactly(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
    }

    @Test
    void closeReplacesTheTargetOnlyWhenComplete() throws IOException {
        Path target = Files.write(dir.resolve("out.root"), OLD);
        RootWriter w = RootWriter.create(target);
        w.tree("t", "", SPECS).append(batch(5));
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
        w.close();
        assertThat(files()).containsExactly(target);
        try (RootFile f = RootFile.open(target)) {
            assertThat(f.tree("t").entries()).isEqualTo(5);
        }
    }

    @Test
    void anIoFailureWhileClosingLeavesNoTarget() throws IOException {
        Path target = dir.resolve("out.root");
        RootWriter w = RootWriter.create(target);
        w.tree("t", "", SPECS).append(batch(5));
        try (Stream<Path> s = Files.list(dir)) {
            Files.delete(s.findFirst().orElseThrow()); // the temporary file vanishes: the final move fails
        }
        assertThatThrownBy(w::close).isInstanceOf(IOException.class);
        assertThat(files()).isEmpty();
    }
}
