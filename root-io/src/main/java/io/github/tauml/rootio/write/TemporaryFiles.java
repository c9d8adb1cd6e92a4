package io.github.tauml.rootio.write;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary outputs in flight: files and directories being written under a temporary name before they are moved into
 * place. A JVM that is stopped (SIGTERM, Ctrl-C) while writing removes them in a shutdown hook, so a killed build
 * leaves no 60 MB {@code <name>.tmp-*} file behind; what a hard kill (SIGKILL) leaves is found and removed by
 * {@link #removeStale(Path)} before the next write of the same output.
 */
public final class TemporaryFiles {
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::removeInFlight, "remove-temporary-outputs"));
    }

    private TemporaryFiles() {
    }

    /** Marks {@code temp} (a file or a directory) for removal if the JVM stops before {@link #done(Path)}. */
    public static void register(Path temp) {
        IN_FLIGHT.add(temp.toAbsolutePath());
    }

    /** {@code temp} was published or removed: nothing to clean up any more. */
    public static void done(Path temp) {
        IN_FLIGHT.remove(temp.toAbsolutePath());
    }

    /**
     * Removes what an earlier, killed run left beside {@code target}: siblings named {@code <name>.tmp-*} (files
     * being written) and {@code .<name>.tmp-*} (staged directories and small files). Temporary outputs of this JVM
     * that are still in flight are kept.
     *
     * @return the paths removed, for the log
     */
    public static List<Path> removeStale(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        List<Path> removed = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        String name = abs.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir)) {
            for (Path p : siblings) {
                String n = p.getFileName().toString();
                boolean stale = n.startsWith(name + ".tmp-") || n.startsWith("." + name + ".tmp-")
                        || (n.startsWith("." + name + ".") && n.endsWith(".tmp"));
                if (stale && !IN_FLIGHT.contains(p.toAbsolutePath())) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    private static void removeInFlight() {
        for (Path p : IN_FLIGHT) {
            try {
                deleteTree(p);
            } catch (IOException | RuntimeException e) {
                // The JVM is stopping: nothing better to do than leave it for removeStale.
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
