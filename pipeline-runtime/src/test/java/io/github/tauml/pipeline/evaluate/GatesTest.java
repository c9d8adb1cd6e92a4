package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.QualityGate;
import io.github.tauml.pipeline.config.QualityGates;
import io.github.tauml.pipeline.config.QualityGates.Declaration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {
    static final List<String> MODELS = List.of("default", "adversarial");
    static final Map<String, Map<String, Double>> METRICS = Map.of(
            "default", Map.of("chi2_ndf_djet", 2.4, "auc_tau_vs_jet", 0.9800, "ks_djet", 0.03),
            "adversarial", Map.of("chi2_ndf_djet", 1.2, "auc_tau_vs_jet", 0.9785, "ks_djet", 0.012, "adv_auc", 0.51));

    static Declaration max(String metric, double v) {
        return new Declaration(metric, null, null, v, null, null, null, null);
    }

    @Test
    void everyKindComparesAsDeclared() throws Exception {
        List<QualityGate> gates = QualityGates.declare(List.of(
                max("chi2_ndf_djet", 1.3),                                                        // 1.2 <= 1.3
                new Declaration("chi2_ndf_djet", null, null, null, null, null, null, 1 / 1.6),    // 0.5 <= 0.625
                new Declaration("auc_tau_vs_jet", null, null, null, null, 0.001, null, null),     // drop 0.0015
                new Declaration("auc_tau_vs_jet", null, null, null, null, null, 0.002, null),     // |diff| 0.0015
                new Declaration("auc_tau_vs_jet", "default", null, null, 0.99, null, null, null), // 0.98 < 0.99
                max("adv_auc", 0.53),
                new Declaration("adv_auc", "default", null, 0.53, null, null, null, null)), MODELS);
        List<Gates.Outcome> o = Gates.judge(gates, METRICS);
        assertThat(o).extracting(Gates.Outcome::passed).containsExactly(true, true, false, true, false, true, false);
        assertThat(o.get(1).value()).isEqualTo(0.5);
        assertThat(o.get(2).message()).isEqualTo("auc_tau_vs_jet(default) - auc_tau_vs_jet(adversarial) <= 0.001:"
                + " FAILED, value 0.00150000 (adversarial 0.978500, default 0.980000), limit 0.001");
        assertThat(o.get(4).message()).contains("auc_tau_vs_jet(default) >= 0.99: FAILED, value 0.980000, limit 0.99");
        assertThat(o.get(6).message()).contains("adv_auc was not computed for default");
    }

    @Test
    void badDeclarationsAreAllReportedWithTheirElement() {
        assertThatThrownBy(() -> QualityGates.declare(List.of(
                max("chi2_ndf_jet", 1.3),
                new Declaration("ks_djet", "adversarail", null, 0.01, null, null, null, null),
                new Declaration("ks_djet", null, null, null, null, null, null, null),
                new Declaration("ks_djet", null, null, 0.01, 0.0, null, null, null),
                new Declaration("ks_djet", null, "adversarial", null, null, null, null, 0.5),
                max("tau_eff_vsjet_Medium", 1.0)), MODELS))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("<gates><gate index=\"1\"><metric>: unknown metric 'chi2_ndf_jet'")
                .hasMessageContaining("<gates><gate index=\"2\"><model>: no model named 'adversarail' is evaluated")
                .hasMessageContaining("<gates><gate index=\"3\">: no limit")
                .hasMessageContaining("<gates><gate index=\"4\">: more than one limit ([max, min])")
                .hasMessageContaining("<gates><gate index=\"5\"><reference>: the gate compares adversarial with itself");
    }
}
