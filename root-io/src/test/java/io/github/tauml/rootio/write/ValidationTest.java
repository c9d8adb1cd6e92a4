package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inconsistent declarations and batches are rejected with messages that name the file, tree and branch. */
class ValidationTest {
    private static final List<BranchSpec> SPECS = List.of(BranchSpec.scalar("n", LeafType.INT32),
            BranchSpec.jagged("pt", LeafType.FLOAT32, "n"), BranchSpec.fixed("p3", LeafType.FLOAT64, 3));

    @TempDir
    Path dir;

    @FunctionalInterface
    private interface Use {
        void with(RootWriter w) throws IOException;
    }

    /** Runs {@code use} on a fresh writer; the failure aborts the file, so no file is left either way. */
    private AbstractThrowableAssert<?, ? extends Throwable> failure(Use use) throws IOException {
        Path file = dir.resolve("v.root");
        RootWriter w = RootWriter.create(file);
        AbstractThrowableAssert<?, ? extends Throwable> a = assertThatThrownBy(() -> use.with(w))
                .isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
        return a;
    }

    private static Column ints(String name, int... v) {
        return new Column(name, LeafType.INT32, Shape.SCALAR, v, null, 1);
    }

    private static Column jagged(String name, int[] offsets) {
        return new Column(name, LeafType.FLOAT32, Shape.JAGGED, new float[offsets[offsets.length - 1]], offsets, 1);
    }

    private static Column p3(int entries) {
        return new Column("p3", LeafType.FLOAT64, Shape.FIXED, new double[3 * entries], null, 3);
    }

    @Test
    void batchesMustMatchTheDeclaredBranches() throws IOException {
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1), "pt", jagged("pt", new int[] {0, 1}),
                "p3", p3(1), "eta", ints("eta", 1))))
                .hasMessageContaining("v.root").hasMessageContaining("tree 'taus'")
                .hasMessageContaining("no branch 'eta'; the branches are [n, pt, p3]");
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1), "p3", p3(1))))
                .hasMessageContaining("the batch has no column for branch 'pt'");
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1, 2), "pt",
                jagged("pt", new int[] {0, 1, 3}), "p3", p3(1))))
                .hasMessageContaining("column 'p3' has 1 entries but column 'n' has 2");
    }

    @Test
    void columnsMustHaveTheDeclaredTypeAndShape() throws IOException {
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1), "pt", jagged("pt", new int[] {0, 1}),
                "p3", ints("p3", 1, 2, 3))))
                .hasMessageContaining("tree 'taus', branch 'p3': the column holds int32 values but the branch is "
                        + "declared float64");
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1), "pt",
                new Column("pt", LeafType.FLOAT32, Shape.SCALAR, new float[1], null, 1), "p3", p3(1))))
                .hasMessageContaining("branch 'pt': a JAGGED branch needs a column with entry offsets");
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1), "pt", jagged("pt", new int[] {0, 1}),
                "p3", new Column("p3", LeafType.FLOAT64, Shape.FIXED, new double[2], null, 2))))
                .hasMessageContaining("branch 'p3': the column has 2 values per entry, the branch 3");
    }

    @Test
    void jaggedSizesMustEqualTheirCounter() throws IOException {
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", 1, 1), "pt",
                jagged("pt", new int[] {0, 1, 3}), "p3", p3(2))))
                .hasMessageContaining("tree 'taus', branch 'pt': entry 1 of the batch has 2 values but its counter "
                        + "'n' is 1");
        failure(w -> w.tree("taus", "", SPECS).append(Map.of("n", ints("n", -1), "pt",
                jagged("pt", new int[] {0, 0}), "p3", p3(1))))
                .hasMessageContaining("its counter 'n' is -1");
    }

    @Test
    void declarationsMustBeConsistent() throws IOException {
        failure(w -> w.tree("t", "", List.of(BranchSpec.jagged("pt", LeafType.FLOAT32, "m"))))
                .hasMessageContaining("tree 't', branch 'pt': its counter 'm' must be a scalar integer branch "
                        + "declared before it");
        failure(w -> w.tree("t", "", List.of(BranchSpec.jagged("pt", LeafType.FLOAT32, "m"),
                BranchSpec.scalar("m", LeafType.INT32))))
                .hasMessageContaining("its counter 'm' must be a scalar integer branch declared before it");
        failure(w -> w.tree("t", "", List.of(BranchSpec.scalar("m", LeafType.FLOAT32),
                BranchSpec.jagged("pt", LeafType.FLOAT32, "m"))))
                .hasMessageContaining("its counter 'm' must be a scalar integer branch");
        failure(w -> w.tree("t", "", List.of(BranchSpec.scalar("x", LeafType.FLOAT32),
                BranchSpec.scalar("x", LeafType.INT32))))
                .hasMessageContaining("branch 'x' is declared twice");
        failure(w -> w.tree("t", "", List.of()))
                .hasMessageContaining("a tree needs at least one branch");
        assertThatThrownBy(() -> BranchSpec.scalar("s", LeafType.STRING))
                .hasMessageContaining("branch 's': string branches are not supported");
        assertThatThrownBy(() -> BranchSpec.fixed("f", LeafType.FLOAT32, 0))
                .hasMessageContaining("branch 'f': a fixed array needs fixedLength >= 1");
        assertThatThrownBy(() -> new BranchSpec("a/b", LeafType.FLOAT32, Shape.SCALAR, 1, null))
                .hasMessageContaining("branch name must be non-empty and free of '/'");
    }

    @Test
    void objectPathsAreUnique() throws IOException {
        TH1 h = new TH1("h", "", "TH1D", new double[] {0, 1}, new double[3], new double[0], 0);
        failure(w -> {
            w.tree("dir/x", "", SPECS);
            w.histogram("dir/x", h);
        }).hasMessageContaining("directory 'dir' already holds a tree 'x'; cannot add a histogram of the same name");
        failure(w -> {
            w.histogram("x", h);
            w.histogram("x/y", h);
        }).hasMessageContaining("the top directory already holds a histogram 'x'");
        failure(w -> w.histogram("a//b", h)).hasMessageContaining("bad object path 'a//b'");
        failure(w -> w.histogram("h;2", h)).hasMessageContaining("bad object path 'h;2'");
    }
}
