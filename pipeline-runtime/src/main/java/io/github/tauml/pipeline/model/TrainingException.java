package io.github.tauml.pipeline.model;

/** Training could not go on: a non-finite loss (naming the step and the metric) or a failing input. */
public final class TrainingException extends Exception {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
