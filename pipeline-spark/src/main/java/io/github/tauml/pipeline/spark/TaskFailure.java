package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.config.ConfigException;
import java.io.IOException;
import org.apache.spark.SparkException;

/** A Spark job that failed, carried through a merge's iterator to the stage, which maps it to its own error. */
final class TaskFailure extends RuntimeException {
    TaskFailure(Throwable cause) {
        super(cause);
    }

    /** The first exception of {@code type} in the cause chain (the task's own: Spark brings it back), or null. */
    <E extends Throwable> E find(Class<E> type) {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Rethrows the task's I/O failure (a damaged input) as it was, if it was one. */
    void rethrowIo() throws IOException {
        IOException io = find(IOException.class);
        if (io != null) {
            throw io;
        }
    }

    /**
     * The stage's error for this failure: the task's own {@link ConfigException} as it was (a request that cannot
     * run, found in a task as it is found locally), its I/O failure as it was (a damaged input), or else a
     * {@link ConfigException} at {@code element} with Spark's message and {@code fix}.
     *
     * @param what the stage's work in words, e.g. {@code the mix}
     * @throws IOException the task's I/O failure
     */
    ConfigException toConfigException(String element, String what, String fix) throws IOException {
        ConfigException c = find(ConfigException.class);
        if (c != null) {
            return new ConfigException(c.problems());
        }
        rethrowIo();
        return new ConfigException(element, what + " failed on Spark: " + sparkMessage(), fix);
    }

    /** Spark's message for the failure. */
    String sparkMessage() {
        return getCause() instanceof SparkException s ? s.getMessage() : String.valueOf(getCause());
    }
}
