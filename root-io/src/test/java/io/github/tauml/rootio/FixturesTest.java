package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixturesTest {
    @Test
    void aMissingSharedFolderIsExplainedNotJustReported() {
        String saved = System.getProperty("shared.dir");
        System.setProperty("shared.dir", "/nonexistent/shared");
        try {
            assertThatThrownBy(Fixtures::dir).hasMessageContaining("/nonexistent/shared/testdata/root")
                    .hasMessageContaining("real ROOT files written by CERN ROOT")
                    .hasMessageContaining("-Dshared.dir=/path/to/shared");
        } finally {
            if (saved == null) {
                System.clearProperty("shared.dir");
            } else {
                System.setProperty("shared.dir", saved);
            }
        }
    }
}
