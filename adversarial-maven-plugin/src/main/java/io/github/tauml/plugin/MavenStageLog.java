package io.github.tauml.plugin;

import io.github.tauml.pipeline.exec.StageLog;
import org.apache.maven.plugin.logging.Log;

/** A stage's log lines into the build log. */
record MavenStageLog(Log log) implements StageLog {
    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}
