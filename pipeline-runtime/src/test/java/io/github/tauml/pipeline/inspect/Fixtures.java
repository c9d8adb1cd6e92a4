package io.github.tauml.pipeline.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real ROOT files in ../shared/testdata/root (never copied into the repository) and their jsroot references. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code shared.dir} (set by surefire) or ../../shared relative to this module, plus testdata/root. */
    static Path dir() {
        String shared = System.getProperty("shared.dir");
        Path base = shared != null ? Path.of(shared) : Path.of("../../shared");
        Path d = base.resolve("testdata/root").toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("fixtures not found at " + d + " (set -Dshared.dir)");
        }
        return d;
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static List<Path> references() throws IOException {
        try (Stream<Path> s = Files.list(dir().resolve("reference"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
