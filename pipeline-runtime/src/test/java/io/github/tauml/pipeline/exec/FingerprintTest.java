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

    /** A project moved (or copied, with new file times) to another directory is up to date there. */
    @Test
    void aMovedProjectIsUpToDate() throws Exception {
        Path project = Files.createDirectories(dir.resolve("home/ana"));
        Files.createDirectories(project.resolve("target/toy"));
        Path in = Files.writeString(project.resolve("target/toy/data.root"), "ntuple");
        Path out = Files.createDirectories(project.resolve("target/skim"));
        Files.writeString(out.resolve("data.root"), "skim");
        Path outside = Files.writeString(dir.resolve("datacard.root"), "shared input outside the project");
        ObjectNode p = params("tau_pt>30", 1).put("outputDirectory", out.toString())
                .put("target", outside + ":mt/EMB").put("basedir", project.toString());
        p.putArray("inputs").add(in.toString());
        Fingerprint first = Fingerprint.of("skim (skim)", "1.0", 1, p, List.of(in, outside), List.of(out), null,
                project);
        first.save(project.resolve("target/.fp/skim.json"));
        assertThat(first.inputs()).containsKeys("target/toy/data.root", outside.toString());
        assertThat(first.outputs()).containsOnlyKeys("target/skim/data.root");
        assertThat(first.parameters().get("outputDirectory").asText()).isEqualTo("target/skim");
        assertThat(first.parameters().get("inputs").get(0).asText()).isEqualTo("target/toy/data.root");
        assertThat(first.parameters().get("basedir").asText()).isEqualTo(".");
        assertThat(first.parameters().get("target").asText()).isEqualTo(outside + ":mt/EMB");

        // Copy the whole project elsewhere: new absolute paths, new file times, the same contents.
        Path moved = Files.createDirectories(dir.resolve("elsewhere/ana2"));
        try (var walk = Files.walk(project)) {
            for (Path f : walk.toList()) {
                Path to = moved.resolve(project.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                    Files.setLastModifiedTime(to, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()
                            + 60_000));
                }
            }
        }
        Fingerprint last = Fingerprint.load(moved.resolve("target/.fp/skim.json"));
        Path movedIn = moved.resolve("target/toy/data.root");
        ObjectNode q = params("tau_pt>30", 1).put("outputDirectory", moved.resolve("target/skim").toString())
                .put("target", outside + ":mt/EMB").put("basedir", moved.toString());
        q.putArray("inputs").add(movedIn.toString());
        Fingerprint there = Fingerprint.of("skim (skim)", "1.0", 1, q, List.of(movedIn, outside),
                List.of(moved.resolve("target/skim")), last, moved);
        assertThat(there.changesSince(last)).isEmpty();

        // A real change in the copy is still seen, by its relative name.
        Files.writeString(movedIn, "ntuplf");
        assertThat(Fingerprint.of("skim (skim)", "1.0", 1, q, List.of(movedIn, outside),
                List.of(moved.resolve("target/skim")), last, moved).changesSince(last))
                .containsExactly("input data.root changed");
    }
}
