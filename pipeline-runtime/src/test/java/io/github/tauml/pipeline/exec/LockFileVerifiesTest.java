package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify mode compares every output that the stages now write byte-reproducibly (plots in PNG and PDF, metrics,
 * spec.json, settings.json, data and weights) and only skips the graph protos, the report (wall times) and the model
 * zip that holds them.
 */
class LockFileVerifiesTest {
    static final List<String> VERIFIED = List.of("target/adversarial/evaluate/metrics.json",
            "target/adversarial/evaluate/plots/djet_default.png", "target/adversarial/evaluate/plots/djet_default.pdf",
            "target/adversarial/dataset/classification/spec.json",
            "target/adversarial/model/adversarial/settings.json",
            "target/adversarial/model/adversarial/weights.ckpt");
    static final List<String> NOT_VERIFIED = List.of("target/adversarial/evaluate/report.html",
            "target/adversarial/model/adversarial/saved_model/saved_model.pb",
            "target/adversarial/model/adversarial/checkpoints/epoch-3/saved_model/saved_model.pb",
            "target/adversarial/model/adversarial/frozen_graph.pb", "target/analysis-1-model.zip");

    @Test
    void everyReproducibleOutputIsComparedAndOnlyTheGraphProtosReportAndZipAreNot(@TempDir Path dir)
            throws Exception {
        List<Path> outputs = new ArrayList<>();
        for (String f : concat(VERIFIED, NOT_VERIFIED)) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "build 1: " + f);
            outputs.add(p);
        }
        Path lock = dir.resolve("adversarial.lock.json");
        LockFile.apply(LockFile.Mode.UPDATE, lock, dir, fingerprint(outputs), Map.of());
        assertThat(LockFile.apply(LockFile.Mode.VERIFY, lock, dir, fingerprint(outputs), Map.of())).isEmpty();

        for (Path p : outputs) {
            Files.writeString(p, "build 2, other bytes");
        }
        List<String> differences = LockFile.apply(LockFile.Mode.VERIFY, lock, dir, fingerprint(outputs), Map.of());
        assertThat(differences).hasSize(VERIFIED.size());
        for (String f : VERIFIED) {
            assertThat(differences).anyMatch(d -> d.startsWith("stage evaluate (evaluate): " + f
                    + " differs from adversarial.lock.json (locked "));
        }
        // a PDF's difference says what else dates it; other files' do not
        assertThat(differences).filteredOn(d -> d.contains(".pdf ")).singleElement().asString()
                .endsWith("PDFs are dated SOURCE_DATE_EPOCH when it is set: build with the value (or without it) as"
                        + " when the lock was written");
        assertThat(differences).filteredOn(d -> !d.contains(".pdf ")).noneMatch(d -> d.contains("SOURCE_DATE_EPOCH"));
        for (String f : NOT_VERIFIED) {
            assertThat(differences).noneMatch(d -> d.contains(f));
        }
    }

    private static Fingerprint fingerprint(List<Path> outputs) throws Exception {
        return Fingerprint.of("evaluate (evaluate)", "1", 1, JsonNodeFactory.instance.objectNode(), List.of(),
                outputs, null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
