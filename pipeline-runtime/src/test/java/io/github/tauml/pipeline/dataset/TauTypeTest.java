package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The gen-matching rule of recompute_tautype.py, case by case (reference workflow §2.3). */
class TauTypeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // what,                         lepIdx, kind, visPt, dEta, jetIdx, sampleType, expected
            "'tau h, above 15 GeV',               0, 5, 15.0, 0.0, 0, 1, 2",
            "'tau h, just below 15 GeV',          0, 5, 14.99, 0.0, 0, 1, -1",
            "'prompt electron at 8 GeV',          0, 1, 8.0, 0.0, -1, 1, 0",
            "'electron from tau below 8 GeV',     0, 3, 7.9, 0.0, -1, 1, -1",
            "'prompt muon',                       0, 2, 30.0, 0.0, -1, 1, 1",
            "'muon from tau',                     0, 4, 9.0, 0.1, -1, 1, 1",
            "'lepton outside dR 0.2',             0, 5, 40.0, 0.21, 0, 1, -1",
            "'lepton at dR 0.2 exactly matches',  0, 5, 40.0, 0.2, 0, 1, 2",
            "'no lepton, gen jet: jet',          -1, 0, 0.0, 0.0, 3, 1, 3",
            "'no lepton, gen jet, data: 8',      -1, 0, 0.0, 0.0, 0, 0, 8",
            "'nothing matched',                  -1, 0, 0.0, 0.0, -1, 1, -1",
            "'nothing matched in data',          -1, -1, -999, 0.0, -1, 0, -1",
            "'unmatched lepton does not fall back to the jet', 0, 5, 10.0, 0.0, 0, 1, -1",
    })
    void matchesTheReferenceRule(String what, int lepIdx, int kind, double visPt, double dEta, int jetIdx,
                                 int sampleType, int expected) {
        assertThat(TauType.of(1.0, 0.5, lepIdx, kind, visPt, 1.0 + dEta, 0.5, jetIdx, sampleType))
                .as(what).isEqualTo(expected);
    }

    @Test
    void deltaPhiWrapsAroundPi() {
        assertThat(TauType.of(0.0, 3.1, 0, 5, 20, 0.0, -3.1, -1, 1)).isEqualTo(TauType.TAU);
        assertThat(TauType.deltaPhi(3.1, -3.1)).isCloseTo(-(2 * Math.PI - 6.2), org.assertj.core.api.Assertions
                .within(1e-12));
    }

    @Test
    void unknownKindsAndSampleTypesThrowLikeTheReference() {
        assertThatThrownBy(() -> TauType.of(0, 0, 0, 6, 20, 0, 0, -1, 1)).hasMessageContaining("genLepton_kind 6");
        assertThatThrownBy(() -> TauType.of(0, 0, -1, 0, 0, 0, 0, 2, 2)).hasMessageContaining("sampleType 2");
        assertThatThrownBy(() -> TauType.of(0, 0, 0, 5, 20, 0, 0, -1, 0)).hasMessageContaining("sampleType 0");
    }

    @Test
    void columnComputationNamesTheFailingEntry() {
        Map<String, Column> batch = new LinkedHashMap<>();
        batch.put("tau_eta", f("tau_eta", 0, 0));
        batch.put("tau_phi", f("tau_phi", 0, 0));
        batch.put("genLepton_index", i("genLepton_index", 0, 0));
        batch.put("genLepton_kind", i("genLepton_kind", 5, 9));
        batch.put("genLepton_vis_pt", f("genLepton_vis_pt", 20, 20));
        batch.put("genLepton_vis_eta", f("genLepton_vis_eta", 0, 0));
        batch.put("genLepton_vis_phi", f("genLepton_vis_phi", 0, 0));
        batch.put("genJet_index", i("genJet_index", -1, -1));
        batch.put("sampleType", i("sampleType", 1, 1));
        assertThatThrownBy(() -> TauType.compute("mytauType", batch)).hasMessageContaining("entry 1");
        batch.put("genLepton_kind", i("genLepton_kind", 5, 2));
        Column out = TauType.compute("mytauType", batch);
        assertThat((int[]) out.values()).containsExactly(2, 1);
        assertThat(out.name()).isEqualTo("mytauType");
    }

    private static Column f(String name, float... v) {
        return new Column(name, LeafType.FLOAT32, Shape.SCALAR, v, null, 1);
    }

    private static Column i(String name, int... v) {
        return new Column(name, LeafType.INT32, Shape.SCALAR, v, null, 1);
    }
}
