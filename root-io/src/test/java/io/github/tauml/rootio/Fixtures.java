package io.github.tauml.rootio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real ROOT files in ../shared/testdata/root and their jsroot reference values. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path dir() {
        String shared = System.getProperty("shared.dir");
        Path base = shared != null ? Path.of(shared) : Path.of("../../shared");
        Path d = base.resolve("testdata/root").toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("The test data were not found at " + d + ". The tests read real ROOT"
                    + " files written by CERN ROOT, with reference values from jsroot, from ../shared/testdata/root"
                    + " beside the repository checkout (they are never copied into it). Put the shared folder beside"
                    + " the checkout, or point the build at it with -Dshared.dir=/path/to/shared.");
        }
        return d;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** Every reference JSON; each names a fixture of the same base name. */
    public static List<Path> references() throws IOException {
        try (Stream<Path> s = Files.list(dir().resolve("reference"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
