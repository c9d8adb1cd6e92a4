package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFilesTest {
    @TempDir
    Path dir;

    /** A writer stopped mid-file, as a build killed with SIGTERM or Ctrl-C is: run in a child JVM. */
    public static void main(String[] args) throws Exception {
        RootWriter writer = RootWriter.create(Path.of(args[0]));
        System.out.println("writing");
        System.out.flush();
        Thread.sleep(60_000);
        writer.close();
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunStoppedWithSigtermRemovesItsTemporaryFile() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TemporaryFilesTest.class.getName(),
                dir.resolve("out.root").toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("writing");
            assertThat(names()).singleElement().asString().startsWith("out.root.tmp-");
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void whatAHardKillLeftIsRemovedBeforeTheNextWriteAndNothingElse() throws Exception {
        Files.writeString(dir.resolve("out.root.tmp-1a2b3c"), "half a file");
        Files.createDirectories(dir.resolve(".out.root.tmp-5d6e/variables"));
        Files.writeString(dir.resolve(".out.root.4f1c.tmp"), "x");
        Files.writeString(dir.resolve("out.root"), "the last good output");
        Files.writeString(dir.resolve("other.root.tmp-77"), "another output's");
        assertThat(TemporaryFiles.removeStale(dir.resolve("out.root"))).hasSize(3);
        assertThat(names()).containsExactly("other.root.tmp-77", "out.root");
        try (RootWriter w = RootWriter.create(dir.resolve("fresh.root"))) {
            // In flight in this JVM: never taken for stale.
            assertThat(TemporaryFiles.removeStale(dir.resolve("fresh.root"))).isEmpty();
        }
    }
}
