package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.github.tauml.rootio.tree.ColumnBuilder;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkimDeclarationTest {
    @TempDir
    Path dir;

    private SkimDeclaration declaration(List<SkimDeclaration.Sample> samples, String compression, int level) {
        return new SkimDeclaration(dir, samples, "taus", null, "tau_pt>30", true, "mytauType", List.of(), List.of(),
                List.of(), List.of(), null, dir.resolve("skim"), compression, level, 1);
    }

    private static SkimDeclaration.Sample sample(String name, String cut, String range, Path output) {
        return new SkimDeclaration.Sample(name, List.of("in.root"), cut, List.of(), range, null, output, null);
    }

    @Test
    void reportsEveryShapeProblemAtOnceEachWithItsElementAndFix() {
        var samples = List.of(sample("a", null, "5:2", null), sample("a", null, null, null),
                sample("bad name", null, null, null));
        assertThatThrownBy(() -> declaration(samples, "gzip", 12).requests())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigException.Problem::element).containsExactly(
                            "<compression> (adversarial.skim.compression)",
                            "<compressionLevel> (adversarial.skim.compressionLevel)",
                            "<samples><sample name=\"a\"><inputRange>", "<samples>",
                            "<samples><sample name=\"bad name\"><name>");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
                    assertThat(e.getMessage()).startsWith("5 problems:\n<compression>")
                            .contains("\nFix: use 1 (fast, the default) to 9");
                });
    }

    @Test
    void twoSamplesWritingOneFileAreRefused() {
        Path out = dir.resolve("same.root");
        var samples = List.of(sample("a", null, null, out), sample("b", null, null, out));
        assertThatThrownBy(() -> declaration(samples, "zlib", 1).requests())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<samples><sample name=\"b\"><output>: samples a and b would both write");
    }

    @Test
    void selectionAndCutCombineAsRootDoes() throws ConfigException {
        var declared = declaration(List.of(sample("a", "mytauType==2", null, null)), "zlib", 1).requests();
        assertThat(declared.get(0).request().selection()).isEqualTo("(tau_pt>30) && (mytauType==2)");
        assertThat(declared.get(0).request().output()).isEqualTo(dir.resolve("skim/a.root"));
    }

    @Test
    void aSampleWritingOverWhatAnotherReadsIsRefusedBeforeAnythingRuns() throws Exception {
        Path input = dir.resolve("b.root");
        ToyNtuples.generate(new ToyRequest(dir, Map.of(ToySample.DY_TAUTAU, 200L), 1, Mismodelling.none(), false,
                Compression.ZLIB, 1, 1), m -> { });
        Files.copy(dir.resolve("DYtautau.root"), input);
        var samples = List.of(
                new SkimDeclaration.Sample("a", List.of("DYtautau.root"), null, List.of(), null, null, input, null),
                new SkimDeclaration.Sample("b", List.of("b.root"), null, List.of(), null, null, null, null));
        var d = declaration(samples, "zlib", 1);
        assertThatThrownBy(() -> d.validate(d.requests())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.element()).isEqualTo("<samples><sample name=\"a\"><output>");
                    assertThat(p.message()).endsWith("which <samples><sample name=\"b\"><inputs> reads");
                }));
        assertThat(Files.size(input)).isPositive();
    }

    /** A small file with tree {@code tree} (branch tau_pt) and, when {@code meta}, a second tree "meta". */
    private Path file(String name, String tree, boolean meta) throws Exception {
        Path p = dir.resolve(name);
        try (RootWriter w = RootWriter.create(p)) {
            ColumnBuilder pt = ColumnBuilder.scalar("tau_pt", LeafType.FLOAT32, 50);
            for (int i = 0; i < 50; i++) {
                pt.add(20.0 + i);
            }
            var t = w.tree(tree, tree, List.of(BranchSpec.scalar("tau_pt", LeafType.FLOAT32)));
            t.append(Map.of("tau_pt", pt.build()));
            t.close();
            if (meta) {
                ColumnBuilder run = ColumnBuilder.scalar("run", LeafType.INT32, 1).add(1);
                var m = w.tree("meta", "meta", List.of(BranchSpec.scalar("run", LeafType.INT32)));
                m.append(Map.of("run", run.build()));
                m.close();
            }
        }
        return p;
    }

    private SkimDeclaration plain(List<SkimDeclaration.Sample> samples, List<String> exclude, List<String> other) {
        return new SkimDeclaration(dir, samples, "taus", null, "tau_pt>30", false, "mytauType", List.of(),
                List.of(), exclude, other, null, dir.resolve("skim"), "zlib", 1, 1);
    }

    private static SkimDeclaration.Sample reads(String name, Path output, String... inputs) {
        return new SkimDeclaration.Sample(name, List.of(inputs), null, List.of(), null, null, output, null);
    }

    @Test
    void everyInputOfEverySampleIsOpenedAndEveryProblemReportedBeforeAnythingIsWritten() throws Exception {
        file("good1.root", "taus", true);
        file("good2.root", "taus", true);
        file("other-tree.root", "events", true);
        file("no-meta.root", "taus", false);
        Path good = dir.resolve("good2.root");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("truncated.root"), Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        var samples = List.of(
                reads("a", null, "good1.root", "truncated.root"),
                reads("b", null, "good2.root", "other-tree.root"),
                reads("c", null, "good1.root", "no-meta.root"),
                reads("d", dir.resolve("blocker/d.root"), "good1.root"));
        var d = plain(samples, List.of(), List.of("meta"));
        assertThatThrownBy(() -> d.validate(d.requests())).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).extracting(ConfigException.Problem::element).containsExactly(
                    "<samples><sample name=\"a\"><inputs>",
                    "<samples><sample name=\"b\"><inputs>",
                    "<otherTrees> (adversarial.skim.otherTrees; sample c)",
                    "<samples><sample name=\"d\"><output>");
            assertThat(e.problems().get(0).message()).contains("truncated.root");
            assertThat(e.problems().get(1).message()).contains("other-tree.root").contains("taus");
            assertThat(e.problems().get(2).message()).contains("no-meta.root").contains("meta");
            assertThat(e.problems().get(3).message()).contains("blocker").contains("is a file, not a directory");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        });
        assertThat(dir.resolve("skim")).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedBlamesOutputDirectoryForSamplesWithoutTheirOwnOutput() throws Exception {
        file("good1.root", "taus", false);
        Files.writeString(dir.resolve("skim"), "a file named like the output directory");
        var d = plain(List.of(reads("a", null, "good1.root"), reads("b", null, "good1.root")), List.of(), List.of());
        assertThatThrownBy(() -> d.validate(d.requests())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(ConfigException.Problem::element).containsExactly(
                        "<outputDirectory> (adversarial.skim.outputDirectory; samples a, b)"));
    }

    @Test
    void anExcludeThatRemovesEveryColumnBlamesExcludeAndAnIncludeMatchingNothingBlamesInclude() throws Exception {
        file("good1.root", "taus", false);
        var all = plain(List.of(reads("a", null, "good1.root")), List.of("^.*"), List.of());
        assertThatThrownBy(() -> all.validate(all.requests())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.element()).startsWith("<exclude> (adversarial.skim.exclude");
                    assertThat(p.message()).contains("<exclude> removes every column");
                }));
        var none = new SkimDeclaration(dir, List.of(reads("a", null, "good1.root")), "taus", null, "", false,
                "mytauType", List.of(), List.of("^jet_"), List.of(), List.of(), null, dir.resolve("skim"), "zlib", 1,
                1);
        assertThatThrownBy(() -> none.validate(none.requests())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.element()).startsWith("<include> (adversarial.skim.include");
                    assertThat(p.message()).contains("<include> matches no column of tree 'taus'");
                }));
    }
}
