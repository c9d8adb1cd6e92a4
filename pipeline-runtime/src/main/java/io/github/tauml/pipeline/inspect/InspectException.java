package io.github.tauml.pipeline.inspect;

/**
 * An inspection that failed for a reason the user can fix: the file is missing, not a ROOT file or corrupt, or the
 * tree or a branch asked for does not exist. {@link #subject()} says which part of the request to change; the
 * message names the file, tree or branch. Unexpected I/O failures are plain {@link java.io.IOException}s instead.
 */
public final class InspectException extends Exception {

    /** The part of the request the message is about. */
    public enum Subject { FILE, TREE, BRANCH }

    private final Subject subject;

    public InspectException(Subject subject, String message) {
        super(message);
        this.subject = subject;
    }

    public InspectException(Subject subject, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
    }

    public Subject subject() {
        return subject;
    }
}
