package io.github.tauml.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.dataset.ReweightRequest;
import io.github.tauml.pipeline.dataset.ReweightRequest.Contribution;
import io.github.tauml.pipeline.dataset.ReweightRequest.Mode;
import io.github.tauml.pipeline.dataset.ReweightRequest.Normalisation;
import io.github.tauml.pipeline.dataset.ReweightResult;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reweight's spectra filled by a Spark aggregation in {@code local[2]}: the same bin counts as the local reader, and
 * the same weights file byte for byte, in both modes (§2.5).
 */
class SparkSpectraTest {
    @TempDir
    static Path toys;
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        ToyNtuples.generate(new ToyRequest(toys, Map.of(ToySample.DATA, 60_000L, ToySample.DY_TAUTAU, 50_000L,
                ToySample.WJETS, 30_000L), 5, Mismodelling.defaults(), false, Compression.ZLIB, 1, 2), s -> { });
        spark = SparkSession.builder().master("local[2]").appName("pipeline-spark-tests")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    private static final double[] EDGES = {20, 25, 30, 35, 40, 50, 60, 80, 100, 150, 300};

    private static Contribution contribution(String name, String file, int perBatch, boolean data,
                                             ReweightRequest.Target target) {
        return new Contribution(name, "<contributions><contribution name=\"" + name + "\">", toys.resolve(file),
                "taus", perBatch, data, target);
    }

    private ReweightRequest request(Mode mode, Normalisation n, String dir) {
        List<Contribution> cs = List.of(contribution("data", "data.root", 50, true, null),
                contribution("DYT", "DYtautau.root", 36, false, new ReweightRequest.FromSample("data")),
                contribution("WJ", "WJets.root", 14, false, new ReweightRequest.FromSample("data")));
        return new ReweightRequest(cs, mode, n, EDGES, "tau_pt", 10, null, tmp.resolve(dir).resolve("w.root"), 1);
    }

    @Test
    void sparkCountsAreTheLocalCounts() throws Exception {
        Path in = toys.resolve("DYtautau.root");
        long[] local = Reweight.localCounter().count(in, "taus", "tau_pt", EDGES, 1);
        long[] onSpark = new SparkSpectra(spark).count(in, "taus", "tau_pt", EDGES, 1);
        assertThat(onSpark).isEqualTo(local);
        assertThat(java.util.Arrays.stream(onSpark).sum()).isEqualTo(50_000);
    }

    @Test
    void theWeightsFileIsTheLocalExecutorsInBothModes() throws Exception {
        for (Mode mode : Mode.values()) {
            Normalisation n = mode == Mode.TOTAL_SIMULATION ? Normalisation.NONE : Normalisation.DATA_COUNT;
            ReweightResult local = Reweight.run(request(mode, n, mode + "-local"), s -> { });
            ReweightResult onSpark = Reweight.run(request(mode, n, mode + "-spark"), s -> { },
                    new SparkSpectra(spark));
            assertThat(Files.mismatch(local.output(), onSpark.output())).as(mode.toString()).isEqualTo(-1);
        }
    }
}
