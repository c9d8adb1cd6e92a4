package io.github.tauml.pipeline.evaluate;

/**
 * An evaluation input that cannot be used as given: a predictions CSV with a missing column or a bad number, a run
 * record metric file with a malformed line, an empty sample. The message names the file (and line or column) and says
 * how to fix it. Thrown before any output of the evaluation is published.
 */
public final class EvaluateException extends Exception {
    public EvaluateException(String message) {
        super(message);
    }

    public EvaluateException(String message, Throwable cause) {
        super(message, cause);
    }
}
