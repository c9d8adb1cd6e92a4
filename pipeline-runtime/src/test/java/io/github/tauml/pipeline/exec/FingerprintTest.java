package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode params(String selection, long seed) {
        return json.createObjectNode().put("selection", selection).put("seed", seed);
    }

    private Fingerprint now(ObjectNode params, Path in, Path out, Fingerprint last) throws Exception {
        return Fingerprint.of("skim (skim)", "1.0", 1, params, List.of(in), List.of(out), last);
    }

    @Test
    void anUnchangedStageIsUpToDateAndEachChangeIsNamed() throws Exception {
        Path in = Files.writeString(dir.resolve("data.root"), "ntuple");
        Path out = Files.createDirectories(dir.resolve("skim"));
        Files.writeString(out.resolve("data.root"), "skim");
        Files.writeString(out.resolve(".data.root.123.tmp"), "a temporary file is not an output");
        Path record = dir.resolve("state/skim.json");
        now(params("tau_pt>30", 1), in, out, null).save(record);
        Fingerprint last = Fingerprint.load(record);

        assertThat(now(params("tau_pt>30", 1), in, out, last).changesSince(last)).isEmpty();
        assertThat(now(params("tau_pt>30", 1), in, out, last).changesSince(null)).containsExactly("no earlier run");
        assertThat(now(params("tau_pt>40", 1), in, out, last).changesSince(last))
                .containsExactly("parameter selection changed");

        // Touched but identical: the content hash decides, so nothing re-runs.
        Files.setLastModifiedTime(in, FileTime.fromMillis(Files.getLastModifiedTime(in).toMillis() + 5000));
        assertThat(now(params("tau_pt>30", 1), in, out, last).changesSince(last)).isEmpty();
        Files.writeString(in, "ntuplf");
        assertThat(now(params("tau_pt>30", 1), in, out, last).changesSince(last))
                .containsExactly("input data.root changed");
        Files.writeString(in, "ntuple");

        Files.delete(out.resolve("data.root"));
        assertThat(now(params("tau_pt>30", 1), in, out, last).changesSince(last))
                .containsExactly("output data.root is gone");
        assertThat(Fingerprint.of("skim (skim)", "1.1", 2, params("tau_pt>30", 1), List.of(in), List.of(), last)
                .changesSince(last)).containsExactly("plugin version 1.0 -> 1.1", "output format 1 -> 2",
                "output data.root is gone");
    }

    @Test
    void anUnreadableRecordMeansRunAgain() throws Exception {
        Path record = Files.writeString(dir.resolve("broken.json"), "{ half");
        assertThat(Fingerprint.load(record)).isNull();
        assertThat(Fingerprint.load(dir.resolve("none.json"))).isNull();
    }
}
