package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles#write(Path, AtomicFiles.Body)}: a streamed output appears whole or not at all. */
class AtomicFilesStreamTest {
    @Test
    void aStreamedFileAppearsWhenComplete(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/model.zip");
        AtomicFiles.write(target, out -> {
            assertThat(target).doesNotExist();
            out.write(new byte[100_000]);
            out.write('x');
        });
        assertThat(Files.size(target)).isEqualTo(100_001);
        assertThat(target.getParent()).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aFailingWriterLeavesTheEarlierFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.zip");
        Files.writeString(target, "earlier");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).hasContent("earlier");
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }
}
