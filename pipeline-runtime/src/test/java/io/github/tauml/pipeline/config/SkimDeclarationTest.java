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
import java.util.List;
import java.util.Map;
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
}
