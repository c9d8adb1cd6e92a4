package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declaration → requests: every problem names its pom element and all are reported at once. */
class DatasetConfigTest {
    @TempDir
    Path base;

    private DatasetDeclaration.Classification classification(List<String> inputs, double validation) {
        return new DatasetDeclaration.Classification(inputs, null, null, "out/classification", null, 1, validation,
                1e5);
    }

    private DatasetDeclaration declaration(String preset, Integer innerCells, Map<String, List<String>> blocks,
                                           DatasetDeclaration.Classification c, DatasetDeclaration.Adversarial a) {
        return new DatasetDeclaration(base, preset, innerCells, null, null, null, List.of(), blocks, c, a, false, 1, 1);
    }

    @Test
    void everyProblemOfTheDeclarationIsReportedWithItsElement() {
        assertThatThrownBy(() -> DatasetConfig.plan(declaration("v3", 10, Map.of("PfCand_muonn", List.of("x"),
                "PfCand_chHad", List.of("pfCand_chHad_rel_ptt")), classification(List.of(), 1.0), null)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    List<String> elements = ((ConfigException) e).problems().stream()
                            .map(ConfigException.Problem::element).toList();
                    assertThat(elements).contains("<preset>", "<innerCells>/<innerCellSize>",
                            "<blockFeatures><PfCand_muonn>", "<blockFeatures><PfCand_chHad>");
                })
                .hasMessageContaining("did you mean PfCand_muon")
                .hasMessageContaining("did you mean pfCand_chHad_rel_pt");
        assertThatThrownBy(() -> DatasetConfig.plan(declaration("small", null, Map.of(),
                classification(List.of(), 1.0), null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<classification><inputs>")
                .hasMessageContaining("<classification><validationFraction>");
        assertThatThrownBy(() -> DatasetConfig.plan(declaration("small", null, Map.of(), null,
                new DatasetDeclaration.Adversarial(List.of("mix.root"), null, "adv", null, 100, 0, 1, 1))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<adversarial><scalingFile>")
                .hasMessageContaining("<adversarial><trainBatches>");
    }

    @Test
    void blockListsComeFromThePresetOrTheV2p5CatalogueAndTheAdversarialDatasetUsesTheClassificationScaling()
            throws ConfigException {
        DatasetConfig.Plan plan = DatasetConfig.plan(declaration("small", 9, Map.of("PfCand_muon",
                List.of("pfCand_muon_valid", "pfCand_muon_rel_pt", "pfCand_muon_vertex_dx")),
                classification(List.of("training.root"), 0.3),
                new DatasetDeclaration.Adversarial(List.of("mix.root"), null, "adv", null, 100, 7, 3, 1)));
        assertThat(plan.features().name()).isEqualTo("custom");
        assertThat(plan.features().inner().cells()).isEqualTo(9);
        assertThat(plan.features().channels("muon")).containsSubsequence("tau_inside_ecal_crack",
                "pfCand_muon_valid", "pfCand_muon_rel_pt", "pfCand_muon_vertex_dx", "muon_valid");
        assertThat(plan.classification().inputs()).containsExactly(base.resolve("training.root"));
        assertThat(plan.classification().tauTypeBranch()).isEqualTo("tauType");
        assertThat(plan.adversarial().scalingFile())
                .isEqualTo(base.resolve("out/classification/scaling.json"));
        assertThat(plan.adversarial().trainBatches()).isEqualTo(7);
    }
}
