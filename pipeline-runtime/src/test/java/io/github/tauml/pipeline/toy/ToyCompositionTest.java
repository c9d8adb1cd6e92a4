package io.github.tauml.pipeline.toy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.expr.ReferenceSelection;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toy's data, after the reference selection, hold the composition of the reference mix's simulation half
 * (reference §2.6: 36 DY τh + 2 tt̄ τh, 5 + 5 + 1 jets, 1 DY μ per 50 simulated taus = 76 % τh, 22 % jets, 2 % μ,
 * no e), so that with identical domains data and simulation differ only statistically.
 */
class ToyCompositionTest {
    @TempDir
    Path tmp;

    @Test
    void selectedDataMatchTheMixSimulationHalf() throws Exception {
        // Generate, skim with the reference selection through the skim stage, count by the toy's truth branch.
        ToyNtuples.generate(new ToyRequest(tmp, Map.of(ToySample.DATA, 300_000L), 3, Mismodelling.defaults(), false,
                Compression.LZ4, 1, 2), s -> { });
        Path skimmed = tmp.resolve("data-skim.root");
        Skim.run(new SkimRequest("data", tmp, List.of(tmp.resolve("data.root").toString()), null, "taus", "taus",
                ReferenceSelection.SELECTION, null, List.of(), List.of(TauTupleSchema.TOY_TRUTH), List.of(),
                List.of(), null, null, skimmed, Compression.LZ4, 1, 1), s -> { });
        long[] counts = new long[4]; // e, μ, τh, jet (pile-up jets count as jets: they are jets to the classifier)
        long n;
        try (RootFile f = RootFile.open(skimmed)) {
            TTree t = f.tree("taus");
            n = t.entries();
            Column truth = t.read(List.of(TauTupleSchema.TOY_TRUTH), 0, n).get(TauTupleSchema.TOY_TRUTH);
            for (int i = 0; i < n; i++) {
                int k = (int) truth.getLong(i);
                counts[k < 0 ? 3 : k]++;
            }
        }
        assertThat(n).isGreaterThan(8_000);
        double[] mix = {0.0, 0.02, 0.76, 0.22};
        String[] names = {"e", "μ", "τh", "jet"};
        for (int k = 0; k < 4; k++) {
            double f = counts[k] / (double) n;
            // "Within about one per cent", plus three standard deviations of this sample's statistics.
            double tolerance = 0.01 + 3 * Math.sqrt(Math.max(mix[k] * (1 - mix[k]), 1e-4) / n);
            System.out.printf("selected toy data: %s %.2f %% (mix %.0f %%)%n", names[k], 100 * f, 100 * mix[k]);
            assertThat(f).as(names[k] + " fraction of the selected data").isCloseTo(mix[k],
                    org.assertj.core.api.Assertions.within(tolerance));
        }
    }

    @Test
    void everyCandidateCarriesItsTrueKindDataIncluded() throws IOException {
        ToyNtuples.generate(new ToyRequest(tmp, Map.of(ToySample.DATA, 20_000L, ToySample.DY_MUMU, 20_000L), 5,
                Mismodelling.defaults(), false, Compression.LZ4, 1, 1), s -> { });
        for (String sample : List.of("data", "DYmumu")) {
            try (RootFile f = RootFile.open(tmp.resolve(sample + ".root"))) {
                TTree t = f.tree("taus");
                Map<String, Column> c = t.read(List.of(TauTupleSchema.TOY_TRUTH, "tauType", "genLepton_kind",
                        "genJet_index"), 0, t.entries()).columns();
                long[] seen = new long[5];
                for (int i = 0; i < t.entries(); i++) {
                    int truth = (int) c.get(TauTupleSchema.TOY_TRUTH).getLong(i);
                    seen[truth + 1]++;
                    if (sample.equals("data")) {
                        assertThat(c.get("tauType").getLong(i)).isIn(8L, -1L);
                    } else if (truth == -1) {
                        // A pile-up jet has no generator object at all.
                        assertThat(c.get("genLepton_kind").getLong(i)).isEqualTo(-1);
                        assertThat(c.get("genJet_index").getLong(i)).isEqualTo(-1);
                    } else if (truth == 1) {
                        assertThat(c.get("genLepton_kind").getLong(i)).isIn(2L, 4L);
                    }
                }
                // Every kind the sample holds appears: data mix τh, μ, jets and pile-up; DY→μμ μ, jets, pile-up.
                assertThat(seen[0]).as(sample + " pile-up").isPositive();
                assertThat(seen[2]).as(sample + " μ").isPositive();
                assertThat(seen[4]).as(sample + " jets").isPositive();
                if (sample.equals("data")) {
                    assertThat(seen[3]).as("data τh").isPositive();
                } else {
                    assertThat(seen[3]).as("DY→μμ has no τh").isZero();
                }
            }
        }
    }
}
