package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLockTest {
    @TempDir
    Path dir;

    /** Another build: holds the lock until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (BuildLock lock = BuildLock.acquire(Path.of(args[0]), "train (adversarial)")) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void aSecondBuildIsToldWhichBuildHoldsTheProjectAndMayGoOnWhenItEnds() throws Exception {
        Path file = dir.resolve(".lock");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BuildLockTest.class.getName(), file.toString()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> BuildLock.acquire(file, "skim (skim)"))
                    .isInstanceOf(BuildLock.HeldException.class)
                    .hasMessageContaining("process " + other.pid())
                    .hasMessageContaining("stage train (adversarial)")
                    .hasMessageContaining("Fix: wait for it to finish");
            other.getOutputStream().close();
            assertThat(other.waitFor()).isZero();
        } finally {
            other.destroyForcibly();
        }
        try (BuildLock mine = BuildLock.acquire(file, "skim (skim)")) {
            assertThat(mine).isNotNull();
        }
    }
}
