package io.github.tauml.pipeline.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.SkimDeclaration;
import io.github.tauml.pipeline.dataset.InputFiles;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToySettingsTest {
    @TempDir
    Path dir;

    private static ToyRequest request(Path out, long seed, Mismodelling m, ToySample... samples) {
        Map<ToySample, Long> entries = new LinkedHashMap<>();
        for (ToySample s : samples) {
            entries.put(s, 300L);
        }
        return new ToyRequest(out, entries, seed, m, false, Compression.ZLIB, 1, 1);
    }

    private SkimDeclaration skim(String... inputs) {
        List<SkimDeclaration.Sample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            samples.add(new SkimDeclaration.Sample("s" + i, List.of(inputs[i]), null, List.of(), null, null, null,
                    null));
        }
        return new SkimDeclaration(dir, samples, "taus", null, "tau_pt > 20", true, "mytauType", List.of(),
                List.of(), List.of(), List.of(), null, dir.resolve("skim"), "zlib", 1, 1);
    }

    @Test
    void eachToyFileHasItsSettingsBesideItAndTheRootBytesDoNotDependOnThem() throws Exception {
        Path a = dir.resolve("a");
        ToyNtuples.generate(request(a, 7, Mismodelling.defaults(), ToySample.DATA, ToySample.QCD), m -> { });
        JsonNode json = new ObjectMapper().readTree(ToySettings.of(a.resolve("QCD.root")).toFile());
        assertThat(json.get("generator").asText()).isEqualTo("tauml toy-ntuples");
        assertThat(json.get("sample").asText()).isEqualTo("QCD");
        assertThat(json.get("entries").asLong()).isEqualTo(300);
        assertThat(json.get("size").asLong()).isEqualTo(Files.size(a.resolve("QCD.root")));
        JsonNode s = json.get("settings");
        assertThat(s.get("formatVersion").asInt()).isEqualTo(ToyNtuples.FORMAT_VERSION);
        assertThat(s.get("seed").asLong()).isEqualTo(7);
        assertThat(s.get("mismodelling").get("tauPhotonActivity").asDouble()).isEqualTo(2.0);
        assertThat(s.get("particles").asBoolean()).isFalse();
        assertThat(json.get("run").get("samples").get("data").asLong()).isEqualTo(300);
        assertThat(json.get("run").get("compression").asText()).isEqualTo("zlib");
        // Same request elsewhere: same ROOT bytes and same settings; the settings live outside the ROOT file.
        Path b = dir.resolve("b");
        ToyNtuples.generate(request(b, 7, Mismodelling.defaults(), ToySample.DATA, ToySample.QCD), m -> { });
        assertThat(Files.readAllBytes(b.resolve("QCD.root"))).isEqualTo(Files.readAllBytes(a.resolve("QCD.root")));
        assertThat(Files.readString(ToySettings.of(b.resolve("QCD.root"))))
                .isEqualTo(Files.readString(ToySettings.of(a.resolve("QCD.root"))));
        // A glob over the toy directory takes the ROOT files, not their settings.
        assertThat(InputFiles.resolve(dir, List.of("a/*"), null))
                .containsExactly(a.resolve("QCD.root"), a.resolve("data.root"));
    }

    @Test
    void aSkimOfToyFilesFromTwoRunsIsRefusedNamingBothFilesAndTheSetting() throws Exception {
        Path toy = dir.resolve("toy");
        ToyNtuples.generate(request(toy, 1, Mismodelling.defaults(), ToySample.DATA, ToySample.DY_TAUTAU), m -> { });
        // A second run with another seed, stopped after its first sample: DYtautau is from the old run.
        ToyNtuples.generate(request(toy, 2, Mismodelling.defaults(), ToySample.DATA), m -> { });
        SkimDeclaration d = skim("toy/data.root", "toy/DYtautau.root");
        assertThatThrownBy(() -> d.validate(d.requests())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.element()).isEqualTo("<samples><sample name=\"s1\"><inputs>");
                    assertThat(p.message()).contains("toy files written with different settings: seed is 2 in "
                            + toy.resolve("data.root") + " but 1 in " + toy.resolve("DYtautau.root"));
                    assertThat(p.fix()).contains("toy-ntuples");
                }));
        // Another run with the same seed and factors but other samples and counts: the same generator, not mixed.
        ToyNtuples.generate(request(toy, 1, Mismodelling.defaults(), ToySample.DATA, ToySample.DY_TAUTAU), m -> { });
        ToyNtuples.generate(new ToyRequest(toy, Map.of(ToySample.DATA, 500L), 1, Mismodelling.defaults(), false,
                Compression.LZ4, 1, 1), m -> { });
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root"), toy.resolve("DYtautau.root")))).isEmpty();
        // The same seed with another mismodelling factor names the factor.
        Path other = dir.resolve("other");
        ToyNtuples.generate(request(other, 1, Mismodelling.none(), ToySample.DATA, ToySample.DY_TAUTAU), m -> { });
        ToyNtuples.generate(request(toy, 1, Mismodelling.defaults(), ToySample.DATA, ToySample.DY_TAUTAU),
                m -> { });
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root"), toy.resolve("DYtautau.root")))).isEmpty();
        for (Path f : List.of(other.resolve("DYtautau.root"), ToySettings.of(other.resolve("DYtautau.root")))) {
            Files.copy(f, toy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root"), toy.resolve("DYtautau.root"))))
                .hasValueSatisfying(m -> assertThat(m.message()).contains("mismodelling.tauEnergyScale is 1.02 in "
                        + toy.resolve("data.root") + " but 1.0 in " + toy.resolve("DYtautau.root")));
        // Files without settings (real TauTuples) are not judged.
        Files.delete(ToySettings.of(toy.resolve("DYtautau.root")));
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root"), toy.resolve("DYtautau.root")))).isEmpty();
    }

    @Test
    void aFileWhoseSettingsDescribeAnotherFileIsRefused() throws Exception {
        Path toy = dir.resolve("toy");
        ToyNtuples.generate(request(toy, 1, Mismodelling.defaults(), ToySample.DATA), m -> { });
        Path json = ToySettings.of(toy.resolve("data.root"));
        String recorded = Files.readString(json);
        // The next run replaced the ROOT file, then was stopped before it recorded the new settings.
        ToyNtuples.generate(new ToyRequest(toy, Map.of(ToySample.DATA, 900L), 1, Mismodelling.defaults(), false,
                Compression.ZLIB, 1, 1), m -> { });
        Files.writeString(json, recorded);
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root")))).hasValueSatisfying(m -> {
            assertThat(m.first()).isEqualTo(toy.resolve("data.root"));
            assertThat(m.message()).contains("is not the file its settings data.root.json describe")
                    .contains("a toy run was stopped between the two");
        });
        Files.writeString(json, "{ not json");
        assertThat(ToySettings.mixed(List.of(toy.resolve("data.root"))))
                .hasValueSatisfying(m -> assertThat(m.message()).contains("cannot be read"));
    }
}
