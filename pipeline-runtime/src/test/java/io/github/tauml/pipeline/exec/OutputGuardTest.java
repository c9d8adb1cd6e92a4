package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputGuardTest {
    @TempDir
    Path dir;

    private List<ConfigException.Problem> problems(OutputGuard guard) {
        Problems p = new Problems();
        guard.check(p);
        try {
            p.throwIfAny();
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void anOutputOverAnInputNamesBothElements() throws Exception {
        Path data = Files.writeString(dir.resolve("data.root"), "x");
        var found = problems(new OutputGuard().input("<samples><sample name=\"b\"><inputs>", List.of(data))
                .output("<samples><sample name=\"a\"><output>", dir.resolve("sub/../data.root")));
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("<samples><sample name=\"a\"><output>");
            assertThat(p.message()).contains(data.toRealPath().toString())
                    .contains("<samples><sample name=\"b\"><inputs>");
        });
    }

    @Test
    void aSymbolicLinkToAnInputIsTheInput() throws Exception {
        Path data = Files.writeString(dir.resolve("data.root"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.root"), data);
        assertThat(problems(new OutputGuard().input("<file>", List.of(data)).output("<output>", link))).hasSize(1);
    }

    @Test
    void aDirectoryOutputHoldingAnInputClashesAndSiblingsDoNot() throws Exception {
        Path data = Files.writeString(Files.createDirectories(dir.resolve("skim")).resolve("data.root"), "x");
        assertThat(problems(new OutputGuard().input("<inputs>", List.of(data))
                .output("<outputDirectory>", dir.resolve("skim")))).hasSize(1);
        assertThat(problems(new OutputGuard().input("<inputs>", List.of(data))
                .output("<output>", dir.resolve("skim/data.root.json")))).isEmpty();
        assertThat(problems(new OutputGuard().input("<inputs>", List.of(data))
                .output("<outputDirectory>", dir.resolve("sk")))).isEmpty();
    }
}
