package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without pipeline-spark on the class path, asking for the Spark executor says what to add to the pom. */
class StageExecutorTest {
    @Test
    void aMissingSparkExecutorNamesThePluginDependenciesToAdd() {
        assertThatThrownBy(() -> StageExecutor.load("spark", StageExecutorTest.class.getClassLoader()))
                .isInstanceOf(StageExecutor.UnavailableException.class)
                .hasMessageContaining("executor 'spark' is not on the plugin's class path (executors found: none)")
                .hasMessageContaining("io.github.tauml:pipeline-spark")
                .hasMessageContaining("org.apache.spark:spark-sql_2.13")
                .hasMessageContaining("docs/spark.md");
        assertThatThrownBy(() -> StageExecutor.load("dask", StageExecutorTest.class.getClassLoader()))
                .hasMessageContaining("the executors are 'local' (the default) and 'spark'");
    }
}
