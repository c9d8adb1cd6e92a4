package io.github.tauml.pipeline.exec;

import io.github.tauml.rootio.write.TemporaryFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Publishes outputs atomically: the bytes go to a temporary file beside the target, which is moved into place only
 * once complete. A reader never sees half a file, and an interrupted build leaves the previous output intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating parent directories and replacing any old file. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target}, creating parent directories and replacing any old file. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** What {@link #write(Path, Body)} streams into the temporary file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams {@code body} into a temporary file beside {@code target} and moves it into place once {@code body}
     * returns; if it throws, the temporary file is removed and any earlier {@code target} is left as it was. For
     * outputs too large to hold in memory (a model zip).
     */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Same directory, so the move is a rename on the same file system. Not Files.createTempFile: its owner-only
        // permissions would carry over to the published file.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        TemporaryFiles.register(tmp);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            TemporaryFiles.done(tmp);
        }
    }
}
