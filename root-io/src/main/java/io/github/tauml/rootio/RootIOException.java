package io.github.tauml.rootio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A ROOT file could not be read or written. The message always names the file and the object, and, where it
 * applies, the branch and the entry, so that a user can find the broken piece without a debugger.
 */
public class RootIOException extends IOException {
    public RootIOException(String message) {
        super(message);
    }

    public RootIOException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file.root: object 'taus': message". */
    public static RootIOException of(Path file, String object, String message) {
        return new RootIOException(file + ": " + (object == null ? "" : object + ": ")
                + io.github.tauml.rootio.tree.Names.escape(message));
    }

    public static RootIOException of(Path file, String object, String message, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new RootIOException(file + ": " + (object == null ? "" : object + ": ")
                + io.github.tauml.rootio.tree.Names.escape(message + ": " + why), cause);
    }
}
