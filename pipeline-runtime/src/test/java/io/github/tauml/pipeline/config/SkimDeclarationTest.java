package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
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
}
