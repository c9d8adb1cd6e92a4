package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <executor>}: local needs nothing; the rest name the element and the fix (pipeline-spark is absent here). */
class ExecutorConfigTest {
    private static final ClassLoader HERE = ExecutorConfigTest.class.getClassLoader();

    @Test
    void localIsTheDefaultAndLoadsNothing() throws Exception {
        List<String> said = new ArrayList<>();
        assertThat(ExecutorConfig.skim(null, "local[*]", null, "adversarial.skim.", HERE, said::add)).isNotNull();
        assertThat(ExecutorConfig.skim(" local ", null, Map.of(), "adversarial.skim.", HERE, said::add)).isNotNull();
        assertThat(said).isEmpty();
    }

    @Test
    void badExecutorsNameTheElementAndTheFix() {
        assertThatThrownBy(() -> ExecutorConfig.skim("flink", "local[*]", null, "adversarial.skim.", HERE, s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<executor> (adversarial.skim.executor)")
                .hasMessageContaining("'flink' is not an executor")
                .hasMessageContaining("use local (the default) or spark");
        assertThatThrownBy(() -> ExecutorConfig.skim("spark", " ", null, "adversarial.skim.", HERE, s -> { }))
                .hasMessageContaining("<sparkMaster> (adversarial.skim.sparkMaster)")
                .hasMessageContaining("local[*], spark://host:7077, yarn or k8s://");
        assertThatThrownBy(() -> ExecutorConfig.skim("spark", "local[2]", null, "adversarial.skim.", HERE, s -> { }))
                .hasMessageContaining("<executor> (adversarial.skim.executor)")
                .hasMessageContaining("executors found: none")
                .hasMessageContaining("io.github.tauml:pipeline-spark")
                .hasMessageContaining("docs/spark.md");
    }

    @Test
    void theDropAndTheMixRunLocallyByDefaultAndNameTheirOwnElements() throws Exception {
        List<String> said = new ArrayList<>();
        assertThat(ExecutorConfig.drop(null, "local[*]", null, "adversarial.drop.", HERE, said::add)).isNotNull();
        assertThat(ExecutorConfig.mix("local", "local[*]", null, "adversarial.mix.", HERE, said::add)).isNotNull();
        assertThat(said).isEmpty();
        assertThatThrownBy(() -> ExecutorConfig.drop("flink", "local[*]", null, "adversarial.drop.", HERE, s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<executor> (adversarial.drop.executor)")
                .hasMessageContaining("'flink' is not an executor");
        assertThatThrownBy(() -> ExecutorConfig.mix("spark", "", null, "adversarial.mix.", HERE, s -> { }))
                .hasMessageContaining("<sparkMaster> (adversarial.mix.sparkMaster)");
        assertThatThrownBy(() -> ExecutorConfig.mix("spark", "local[2]", null, "adversarial.mix.", HERE, s -> { }))
                .hasMessageContaining("<executor> (adversarial.mix.executor)")
                .hasMessageContaining("io.github.tauml:pipeline-spark");
    }

    @Test
    void bothDatasetsAreWrittenLocallyByDefaultAndSparkNeedsItsModule() throws Exception {
        List<String> said = new ArrayList<>();
        assertThat(ExecutorConfig.dataset(null, null, null, "adversarial.dataset.", HERE, said::add))
                .isSameAs(DatasetConfig.Runners.LOCAL);
        assertThat(said).isEmpty();
        assertThatThrownBy(() -> ExecutorConfig.dataset("spark", "local[2]", null, "adversarial.dataset.", HERE,
                s -> { }))
                .hasMessageContaining("<executor> (adversarial.dataset.executor)")
                .hasMessageContaining("io.github.tauml:pipeline-spark");
    }
}
