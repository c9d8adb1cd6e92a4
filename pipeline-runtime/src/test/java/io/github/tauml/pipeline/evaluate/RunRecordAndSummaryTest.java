package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordAndSummaryTest {
    @TempDir
    Path dir;

    @Test
    void readsMlflowMetricFiles() throws Exception {
        Files.createDirectories(dir.resolve("metrics/val"));
        Files.writeString(dir.resolve("metrics/loss"), "1700000000000 0.5 0\n1700000000100 0.25 10\n");
        Files.writeString(dir.resolve("metrics/val/loss"), "1700000000200 0.3 10\n");
        Map<String, RunRecordMetrics.Series> m = RunRecordMetrics.read(dir);
        assertThat(m).containsOnlyKeys("loss", "val/loss");
        assertThat(m.get("loss").value()).containsExactly(0.5, 0.25);
        assertThat(m.get("loss").step()).containsExactly(0L, 10L);
        assertThat(m.get("loss").timestamp()).containsExactly(1700000000000L, 1700000000100L);
    }

    @Test
    void aMalformedLineIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("metrics"));
        Files.writeString(dir.resolve("metrics/loss"), "1700000000000 0.5 0\n0.25 10\n");
        assertThatThrownBy(() -> RunRecordMetrics.read(dir)).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("loss line 2: '0.25 10' is not 'timestamp value step'");
        assertThatThrownBy(() -> RunRecordMetrics.read(dir.resolve("nope"))).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("has no metrics/ directory");
    }

    @Test
    void pipelineSummaryRoundTripsThroughJson() throws Exception {
        PipelineSummary s = new PipelineSummary(List.of(new PipelineSummary.Stage("skim", "ran",
                List.of("a.root"), Map.of("read", 10L), 1.5)));
        s.write(dir.resolve("summary.json"));
        assertThat(PipelineSummary.read(dir.resolve("summary.json"))).isEqualTo(s);
        Files.writeString(dir.resolve("bad.json"), "{\"stages\": 3}");
        assertThatThrownBy(() -> PipelineSummary.read(dir.resolve("bad.json"))).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("bad.json");
    }
}
