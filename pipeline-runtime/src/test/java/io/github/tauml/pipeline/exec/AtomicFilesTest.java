package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void createsParentsReplacesOldContentAndLeavesNoTemporaryFile(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("a/b/out.json");

        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second \u00e9");

        assertThat(Files.readString(target)).isEqualTo("second \u00e9");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void thePublishedFileGetsTheUsualPermissionsNotThoseOfATempFile(@TempDir Path tmp) throws IOException {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
        Path published = tmp.resolve("published.txt");

        AtomicFiles.writeString(published, "x");

        assertThat(Files.getPosixFilePermissions(published)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailedMoveLeavesNoTemporaryFileBehind(@TempDir Path tmp) throws IOException {
        Path other = tmp.resolve("other.txt");
        AtomicFiles.write(other, new byte[] {1});
        Path blocker = tmp.resolve("dir-in-the-way");
        Files.createDirectories(blocker.resolve("child"));

        // A non-empty directory cannot be replaced: the move fails after the temporary file was written.
        assertThatThrownBy(() -> AtomicFiles.writeString(blocker, "new")).isInstanceOf(IOException.class);

        assertThat(Files.isDirectory(blocker.resolve("child"))).isTrue();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactlyInAnyOrder(other, blocker);
        }
    }
}
