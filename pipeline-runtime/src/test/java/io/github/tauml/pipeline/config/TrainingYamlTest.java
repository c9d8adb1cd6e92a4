package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.model.NetworkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingYamlTest {
    static final String V1 = """
            Setup:
                n_tau                :  250
                iso_cone             :  0.5
                n_inner_cells        :  11
                adversarial_dataset  : "/eos/AdvTraining"
                adv_parameter        : [1, 10]
                n_adv_tau            : 100
                adv_learning_rate    : 0.01
                use_previous_opt     : True
            SetupNN:
                model_name           : "DeepTau2018v0"
                n_batches            : 80000
                n_batches_val        : 80000
                n_batches_log        : 1000
                n_epochs             : 1
                TauLossesSFs         : [1, 2.5, 5, 1.5]
                optimizer_name       : "Nadam"
                learning_rate        : 0.001
                tau_net              : { "activation": "PReLU", "dropout_rate": 0.2, "reduction_rate": 1.4, "first_layer_width": "2*n*(1+drop)", "last_layer_width": "n*(1+drop)" }
                comp_net             : { "activation": "PReLU", "dropout_rate": 0.2, "reduction_rate": 1.6, "first_layer_width": "2*n*(1+drop)", "last_layer_width": "n*(1+drop)" }
                comp_merge_net       : { "activation": "PReLU", "dropout_rate": 0.2, "reduction_rate": 1.6, "first_layer_width": "n", "last_layer_width": 64 }
                conv_2d_net          : { "activation": "PReLU", "dropout_rate": 0.2, "reduction_rate": null, "window_size": 3 }
                dense_net            : { "activation": "PReLU", "dropout_rate": 0.2, "reduction_rate": 1, "first_layer_width": 200, "last_layer_width": 200, "min_n_layers": 4 }
                first_layer_reg      : null
                loss                 : "tau_crossentropy_v2"
            CellObjectType : [ GridGlobal, PfCand_electron ]
            """;

    @Test
    void readsTheAdversarialAndNetworkKeysOfTrainingV1(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("training_v1.yaml"), V1);
        TrainingYaml.Settings s = TrainingYaml.read(f);
        assertThat(s.advParameter()).containsExactly(1, 10);
        assertThat(s.nAdvTau()).isEqualTo(100);
        assertThat(s.nTau()).isEqualTo(250);
        assertThat(s.advLearningRate()).isEqualTo(0.01);
        assertThat(s.usePreviousOpt()).isTrue();
        assertThat(s.tauLossesSfs()).containsExactly(1, 2.5, 5, 1.5);
        assertThat(s.optimizerName()).isEqualTo("Nadam");
        assertThat(s.scheduleDecay()).isNull();
        assertThat(s.nets()).containsOnlyKeys("tau_net", "comp_net", "comp_merge_net", "conv_2d_net", "dense_net");
        NetworkSettings v2p5 = NetworkSettings.v2p5();
        assertThat(s.nets().get("tau_net").layerSizes(43)).isEqualTo(v2p5.tauNet().layerSizes(43));
        assertThat(s.nets().get("comp_merge_net").layerSizes(227)).containsExactly(227, 141, 88, 64);
        assertThat(s.nets().get("dense_net").layerSizes(180)).containsExactly(200, 200, 200, 200);
    }

    @Test
    void unknownKeysAreErrorsNamingKeyAndFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("training.yaml"), V1.replace("n_adv_tau            : 100",
                "n_adv_taus           : 100").replace("n_epochs             : 1", "n_epochs: 1\n    learning_rat: 3"));
        assertThatThrownBy(() -> TrainingYaml.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ": Setup.n_adv_taus: unknown key")
                .hasMessageContaining(f + ": SetupNN.learning_rat: unknown key");
    }
}
