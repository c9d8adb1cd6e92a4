package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.pipeline.config.SkimDeclaration;
import io.github.tauml.pipeline.exec.StageLog;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkimStageTest {
    @TempDir
    Path dir;

    @Test
    void aSampleThatWritesNothingIsWarnedAboutWithItsName() throws Exception {
        ToyNtuples.generate(new ToyRequest(dir, Map.of(ToySample.DY_TAUTAU, 500L), 1, Mismodelling.none(), false,
                Compression.ZLIB, 1, 1), m -> { });
        List<String> warnings = new ArrayList<>();
        StageLog log = new StageLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        var samples = List.of(
                new SkimDeclaration.Sample("none", List.of("DYtautau.root"), "tau_pt < 0", List.of(), null, null,
                        null, false),
                new SkimDeclaration.Sample("late", List.of("DYtautau.root"), null, List.of(), "100000:", null, null,
                        false),
                new SkimDeclaration.Sample("fine", List.of("DYtautau.root"), null, List.of(), null, null, null,
                        false));
        SkimStage.run(new SkimDeclaration(dir, samples, "taus", null, null, false, "mytauType", List.of(), List.of(),
                List.of(), List.of(), null, dir.resolve("skim"), "zlib", 1, 1), log);
        assertThat(warnings).containsExactly(
                "sample none: the selection keeps no entry of the 500 read; the output holds an empty tree",
                "sample late: the input range starts at entry 100,000, past the end of its inputs; nothing was read"
                        + " (<samples><sample name=\"late\"><inputRange>)");
    }
}
