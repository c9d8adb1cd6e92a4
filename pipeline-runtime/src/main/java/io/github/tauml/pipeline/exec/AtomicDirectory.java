package io.github.tauml.pipeline.exec;

import io.github.tauml.rootio.write.TemporaryFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * A directory output (a dataset of shards, a SavedModel, a run record) that appears whole or not at all: the stage
 * writes into {@link #staging()}, a hidden sibling of the target, and {@link #publish()} swaps it into place. Closing
 * without publishing removes the staging directory and leaves any earlier output untouched.
 *
 * <pre>{@code
 * try (AtomicDirectory out = AtomicDirectory.create(target)) {
 *     write(out.staging());
 *     out.publish();
 * }
 * }</pre>
 */
public final class AtomicDirectory implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean published;

    private AtomicDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Creates the staging directory beside {@code target} (and the target's parents). */
    public static AtomicDirectory create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        TemporaryFiles.register(staging);
        Files.createDirectory(staging);
        return new AtomicDirectory(absolute, staging);
    }

    /** Where the stage writes; becomes {@link #target()} on {@link #publish()}. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Replaces the target with the staged directory: the old output, if any, is moved aside and then removed. */
    public void publish() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            move(target, old);
        }
        move(staging, target);
        published = true;
        TemporaryFiles.done(staging);
        if (old != null) {
            deleteTree(old);
        }
    }

    @Override
    public void close() throws IOException {
        if (!published) {
            deleteTree(staging);
            TemporaryFiles.done(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes a directory tree; a missing one is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
