package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our AUC, KS and χ² against an independent implementation, Debian's scikit-learn, SciPy and NumPy
 * ({@code /usr/bin/python3}, installed by {@code tools/install-eval-peers.sh}), on the same CSV files. Both read the
 * same float32 values, so the numbers agree to rounding (1e-9 relative).
 */
class CrossCheckTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void aucKsAndChi2AgreeWithScikitLearnAndScipy() throws Exception {
        AdversarialPredictions p = Synthetic.mix(21, 200, 20, 17, 0.5f, true);
        ClassPredictions c = Synthetic.classes(22, 20000, 1.2);
        Path pf = dir.resolve("adversarial_predictions.csv"), cf = dir.resolve("class_predictions.csv");
        p.write(pf);
        c.write(cf);
        DjetBinning bin = DjetBinning.REFERENCE;
        JsonNode py = run(pf, cf, bin);

        Map3 ours = new Map3(Metrics.compute(AdversarialPredictions.read(pf), ClassPredictions.read(cf), bin,
                WorkingPoint.V2P5_VSJET));
        assertThat(ours.get("auc_tau_vs_jet")).isCloseTo(py.get("auc_tau_vs_jet").asDouble(), within(1e-9));
        assertThat(ours.get("auc_tau_vs_e")).isCloseTo(py.get("auc_tau_vs_e").asDouble(), within(1e-9));
        assertThat(ours.get("auc_tau_vs_mu")).isCloseTo(py.get("auc_tau_vs_mu").asDouble(), within(1e-9));
        assertThat(ours.get("adv_auc")).isCloseTo(py.get("adv_auc").asDouble(), within(1e-9));
        assertThat(ours.get("chi2_djet")).isCloseTo(py.get("chi2").asDouble(), within(1e-6));
        assertThat(ours.get("ndf_djet")).isEqualTo(py.get("ndf").asDouble());
        assertThat(ours.get("ks_djet")).isCloseTo(py.get("ks_weighted").asDouble(), within(1e-9));

        // SciPy's ks_2samp has no weights: compare on the same candidates with the simulation weights set to 1.
        AdversarialPredictions unit = new AdversarialPredictions(p.djet(), p.y(), Agreement.ones(p.size()),
                p.yPredAdv(), p.datasetId(), p.tauPt(), p.tauEta(), p.tauDecayMode(), p.toyTruthTauType());
        assertThat(Metrics.ksDjet(unit, bin)).isCloseTo(py.get("ks_unit").asDouble(), within(1e-9));
    }

    private record Map3(java.util.Map<String, Double> m) {
        double get(String k) {
            assertThat(m).containsKey(k);
            return m.get(k);
        }
    }

    private JsonNode run(Path pf, Path cf, DjetBinning bin) throws IOException, InterruptedException {
        assertThat(Path.of(PYTHON)).as("Debian's python3 with python3-sklearn and python3-scipy: run"
                + " tools/install-eval-peers.sh").isExecutable();
        Path script = dir.resolve("crosscheck.py");
        try (InputStream in = CrossCheckTest.class.getResourceAsStream("/evaluate/crosscheck.py")) {
            Files.copy(in, script);
        }
        Process proc = new ProcessBuilder(List.of(PYTHON, script.toString(), pf.toString(), cf.toString(),
                Double.toString(bin.lo()), Double.toString(bin.hi()), Integer.toString(bin.bins())))
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(out).isZero();
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
