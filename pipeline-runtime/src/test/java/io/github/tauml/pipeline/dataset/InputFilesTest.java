package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedInsteadOfBlockingTheBuild() throws Exception {
        Path fifo = dir.resolve("pipe.root");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> InputFiles.resolve(dir, List.of("pipe.root"), null))
                .isInstanceOf(InputFiles.InputException.class).hasMessageContaining("is not a regular file");
        Files.writeString(dir.resolve("list.txt"), "pipe.root\n");
        assertThatThrownBy(() -> InputFiles.resolve(dir, List.of("list.txt"), null))
                .hasMessageContaining("line 1").hasMessageContaining("is not a regular file");
        // A glob or directory listing only ever yields regular files.
        Files.writeString(dir.resolve("a.root"), "x");
        assertThat(InputFiles.resolve(dir, List.of("*.root"), null)).containsExactly(dir.resolve("a.root"));
    }

    @Test
    void remoteUrlsGetAClearMessageNotAMangledLocalPath() throws Exception {
        assertThatThrownBy(() -> InputFiles.resolve(dir, List.of("root://eosuser.cern.ch//eos/user/t/tau.root"), null))
                .hasMessageContaining("remote files (root://, http://, ...) are not supported yet")
                .hasMessageContaining("copy the file locally or use a mounted path");
        Files.writeString(dir.resolve("list.txt"), "# remote\nroot://cms-xrd-global.cern.ch//store/a.root\n");
        assertThatThrownBy(() -> InputFiles.resolve(dir, List.of("list.txt"), null))
                .hasMessageContaining("line 2").hasMessageContaining("is a URL");
    }
}
