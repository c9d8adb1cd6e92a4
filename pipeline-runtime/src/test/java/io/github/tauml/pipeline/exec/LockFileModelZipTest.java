package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model zip holds the SavedModel and the frozen graph, which TensorFlow does not write byte for byte the same in
 * two trainings: verify mode does not compare it (the train stage locks the weights), but still compares the rest.
 */
class LockFileModelZipTest {
    @Test
    void theModelZipIsRecordedButNotComparedByBytes(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("target/analysis-1-model.zip");
        Path other = dir.resolve("target/other.zip");
        Files.createDirectories(zip.getParent());
        Files.writeString(zip, "first training");
        Files.writeString(other, "first");
        Path lock = dir.resolve("adversarial.lock.json");
        Fingerprint first = Fingerprint.of("package-model (package-model)", "1", 1, JsonNodeFactory.instance
                .objectNode(), List.of(), List.of(zip, other), null);
        LockFile.apply(LockFile.Mode.UPDATE, lock, dir, first, Map.of());
        assertThat(Files.readString(lock)).contains("target/analysis-1-model.zip");

        Files.writeString(zip, "second training, other protobuf bytes");
        Fingerprint second = Fingerprint.of("package-model (package-model)", "1", 1, JsonNodeFactory.instance
                .objectNode(), List.of(), List.of(zip, other), null);
        assertThat(LockFile.apply(LockFile.Mode.VERIFY, lock, dir, second, Map.of())).isEmpty();

        Files.writeString(other, "second");
        Fingerprint third = Fingerprint.of("package-model (package-model)", "1", 1, JsonNodeFactory.instance
                .objectNode(), List.of(), List.of(zip, other), null);
        assertThat(LockFile.apply(LockFile.Mode.VERIFY, lock, dir, third, Map.of()))
                .singleElement().asString().contains("target/other.zip differs from adversarial.lock.json");
    }
}
