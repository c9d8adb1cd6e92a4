package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkBuilderTest {

    @Test
    void v2p5WidthsAreThoseOfTrainingV1() {
        NetworkSettings s = NetworkSettings.v2p5();
        assertThat(s.tauNet().layerSizes(43)).containsExactly(104, 74, 52);
        assertThat(s.compNet().layerSizes(86)).containsExactly(207, 129, 104);
        assertThat(s.compNet().layerSizes(64)).containsExactly(154, 96, 77);
        assertThat(s.compNet().layerSizes(38)).containsExactly(92, 57, 46);
        assertThat(s.compMergeNet().layerSizes(104 + 77 + 46)).containsExactly(227, 141, 88, 64);
        assertThat(s.denseNet().layerSizes(180)).containsExactly(200, 200, 200, 200);
        assertThat(s.conv2dNet().conv2dFilters(64, 11, 3)).isEqualTo(64);
    }

    @Test
    void formulaErrorsNameTheFormula() {
        assertThatThrownBy(() -> WidthFormula.evaluate("2*m", 4, 0.2)).hasMessageContaining("'2*m'")
                .hasMessageContaining("unknown name 'm'");
        assertThat(WidthFormula.evaluate("2*n*(1+drop)", 43, 0.2)).isEqualTo(104);
    }

    @Test
    void v2p5GraphHasTauMLToolsLayerNamesAndFeatureWidth180() {
        List<InputSpec> inputs = List.of(new InputSpec("input_tau", new int[]{43}),
                new InputSpec("input_inner_egamma", new int[]{11, 11, 86}),
                new InputSpec("input_inner_muon", new int[]{11, 11, 64}),
                new InputSpec("input_inner_hadrons", new int[]{11, 11, 38}),
                new InputSpec("input_outer_egamma", new int[]{21, 21, 86}),
                new InputSpec("input_outer_muon", new int[]{21, 21, 64}),
                new InputSpec("input_outer_hadrons", new int[]{21, 21, 38}));
        DeepTauNetwork net = new DeepTauNetwork(NetworkSettings.v2p5(), inputs, true);
        try (TrainingGraph g = new TrainingGraph(net, OptimizerSettings.referenceMain(),
                OptimizerSettings.adversary(0.01), Losses.scaleFactors(Losses.TAU_LOSSES_SFS), 1, 1)) {
            Map<String, VariableStore.Var> vars = g.store().all();
            assertThat(vars).containsKeys("tau_dense_1/kernel", "tau_norm_3/gamma", "tau_activation_3/alpha",
                    "inner_egamma_conv_1/kernel", "inner_all_conv_4/kernel", "inner_all_3x3_conv_5/kernel",
                    "outer_all_3x3_conv_10/kernel", "final_dense_4/kernel", "final_dense_last/kernel",
                    "final_adv_dense_4/kernel", "final_dense_adv/kernel");
            assertThat(vars).doesNotContainKeys("inner_all_3x3_conv_6/kernel", "outer_all_3x3_conv_11/kernel");
            assertThat(vars.get("final_dense_1/kernel").shape()).containsExactly(180, 200);
            assertThat(vars.get("inner_egamma_conv_1/kernel").shape()).containsExactly(1, 1, 86, 207);
            assertThat(vars.get("outer_all_3x3_conv_1/kernel").shape()).containsExactly(3, 3, 64, 64);
            assertThat(vars.get("inner_all_activation_2/alpha").shape()).containsExactly(1, 1, 141);
            assertThat(g.commonVariables()).allMatch(v -> !v.name().contains("final"));
            assertThat(g.classVariables()).extracting(VariableStore.Var::name)
                    .contains("final_dense_last/kernel").noneMatch(n -> n.contains("_adv"));
            assertThat(g.adversarialVariables()).extracting(VariableStore.Var::name)
                    .contains("final_dense_adv/bias", "final_adv_norm_1/beta").allMatch(n -> n.contains("_adv"));
            assertThat(g.graph().operation("main_output")).isNotNull();
            assertThat(g.graph().operation("adv_output")).isNotNull();
            assertThat(g.graph().operation("features_concat").output(0).shape().get(1)).isEqualTo(180);
        }
    }
}
