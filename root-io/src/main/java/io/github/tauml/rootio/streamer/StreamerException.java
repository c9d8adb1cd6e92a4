package io.github.tauml.rootio.streamer;

/** An object's bytes disagree with its class layout: a corrupt record or a class this reader cannot stream. */
public final class StreamerException extends RuntimeException {
    public StreamerException(String message) {
        super(message);
    }
}
