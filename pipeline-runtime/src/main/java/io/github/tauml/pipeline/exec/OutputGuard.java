package io.github.tauml.pipeline.exec;

import io.github.tauml.pipeline.config.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule every goal applies before anything runs: no declared output may be, or lie inside, a declared input. Paths
 * are compared after resolution (absolute, normalised, symbolic links followed where the file exists), with globs and
 * lists already expanded by the caller, so that {@code out/../data.root} and a link to it are caught too. A clash
 * names both pom elements.
 */
public final class OutputGuard {
    private final Map<Path, List<String>> inputs = new LinkedHashMap<>();
    private final Map<Path, String> outputs = new LinkedHashMap<>();

    /** Records the files (or directories) read by {@code element}. */
    public OutputGuard input(String element, List<Path> paths) throws IOException {
        for (Path p : paths) {
            List<String> readers = inputs.computeIfAbsent(real(p), k -> new ArrayList<>());
            if (!readers.contains(element)) {
                readers.add(element);
            }
        }
        return this;
    }

    /** Records a file or directory written by {@code element}. */
    public OutputGuard output(String element, Path path) throws IOException {
        outputs.putIfAbsent(real(path), element);
        return this;
    }

    /** Adds one problem per output that is an input, or holds one (a directory output replaced whole). */
    public void check(Problems problems) {
        outputs.forEach((out, outElement) -> inputs.forEach((in, readers) -> {
            if (in.equals(out) || in.startsWith(out)) {
                problems.add(outElement, "would overwrite " + in + ", which " + String.join(" and ", readers)
                        + (readers.size() == 1 ? " reads" : " read"),
                        "write the output elsewhere, or read a copy of the input.");
            }
        }));
    }

    /** The path as the file system sees it: the real path of its longest existing ancestor, plus the rest. */
    static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }
}
