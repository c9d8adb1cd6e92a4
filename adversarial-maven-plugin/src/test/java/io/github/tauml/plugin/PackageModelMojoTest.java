package io.github.tauml.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.artifact.ModelArtifact;
import io.github.tauml.pipeline.config.ConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The zip entries' time follows Maven's reading of {@code project.build.outputTimestamp}. */
class PackageModelMojoTest {
    @Test
    void outputTimestampIsReadAsMavenReadsIt() throws ConfigException {
        assertThat(PackageModelMojo.timestamp("2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(PackageModelMojo.timestamp("2026-01-01T02:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(PackageModelMojo.timestamp("1767225600")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        // unset, or Maven's one-character "not reproducible" value: still a fixed time
        assertThat(PackageModelMojo.timestamp(null)).isEqualTo(ModelArtifact.DEFAULT_TIMESTAMP);
        assertThat(PackageModelMojo.timestamp("a")).isEqualTo(ModelArtifact.DEFAULT_TIMESTAMP);
    }

    @Test
    void aTimeThatIsNotOneOrOutsideZipDatesNamesTheProperty() {
        assertThatThrownBy(() -> PackageModelMojo.timestamp("yesterday"))
                .hasMessageStartingWith("<outputTimestamp> (project.build.outputTimestamp): 'yesterday' is not a time");
        assertThatThrownBy(() -> PackageModelMojo.timestamp("1970-01-02T00:00:00Z"))
                .hasMessageContaining("outside the zip format's dates");
    }
}
