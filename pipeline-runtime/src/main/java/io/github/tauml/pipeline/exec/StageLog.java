package io.github.tauml.pipeline.exec;

import java.util.function.Consumer;

/** Where a stage reports to: the Maven build log, a test, or standard error for a command-line run. */
public interface StageLog {
    void info(String message);

    void warn(String message);

    /** A log that sends both levels to {@code sink}, warnings prefixed with {@code WARNING: }. */
    static StageLog of(Consumer<String> sink) {
        return new StageLog() {
            @Override
            public void info(String message) {
                sink.accept(message);
            }

            @Override
            public void warn(String message) {
                sink.accept("WARNING: " + message);
            }
        };
    }
}
