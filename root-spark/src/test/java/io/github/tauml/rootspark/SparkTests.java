package io.github.tauml.rootspark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for every test of the module, and the fixture directory. */
final class SparkTests {
    private static SparkSession spark;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("root-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** ../shared/testdata/root, from the build's shared.dir property. */
    static Path fixtures() {
        String shared = System.getProperty("shared.dir");
        Path base = shared != null ? Path.of(shared) : Path.of("../../shared");
        Path d = base.resolve("testdata/root").toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("fixtures not found at " + d + " (set -Dshared.dir)");
        }
        return d;
    }
}
