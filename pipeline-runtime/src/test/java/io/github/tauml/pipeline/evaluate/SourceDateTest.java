package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.config.ConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds since 1970 UTC, unset meaning no date. */
class SourceDateTest {
    @Test
    void wholeSecondsSince1970AreTheDateAndBlankIsNoDate() throws Exception {
        assertThat(SourceDate.of("1764477734")).isEqualTo(Instant.parse("2025-11-30T04:42:14Z"));
        assertThat(SourceDate.of(" 0\n")).isEqualTo(Instant.EPOCH);
        assertThat(SourceDate.of(null)).isNull();
        assertThat(SourceDate.of("  ")).isNull();
    }

    @Test
    void anythingElseFailsNamingTheVariableAndTheFix() {
        for (String bad : new String[] {"-1", "1.7e9", "yesterday", "2025-11-30", "999999999999"}) {
            assertThatThrownBy(() -> SourceDate.of(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("SOURCE_DATE_EPOCH").hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("git log -1 --format=%ct");
        }
    }
}
