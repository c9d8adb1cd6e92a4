package io.github.tauml.rootio.compress;

/** A compressed block is malformed: unknown tag, sizes that disagree with the header, or a bad checksum. */
public final class CompressionException extends Exception {
    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
