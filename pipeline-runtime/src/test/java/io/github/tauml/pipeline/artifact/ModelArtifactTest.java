package io.github.tauml.pipeline.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.evaluate.MetricsJson;
import io.github.tauml.pipeline.model.ExportedModels;
import io.github.tauml.pipeline.model.ModelExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model artifact on a real exported model (a tiny DeepTau trained for 15 steps): contents, determinism, use. */
class ModelArtifactTest {
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Path model;

    @BeforeAll
    static void train() throws Exception {
        model = ExportedModels.tinyDefault(shared);
    }

    private static ModelArtifactRequest request(Path model, String name, Path evaluation, Path spec, Path out) {
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("plugin", "io.github.tauml:adversarial-maven-plugin:test");
        producer.put("project", "it:toy:1");
        return new ModelArtifactRequest(model, name, evaluation, spec, shared, producer, TIME, out);
    }

    private static Path evaluation(Path dir) throws IOException {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("default", Map.of("chi2_ndf_djet", 5.04, "auc_tau_vs_jet", 0.9982));
        metrics.put("adversarial", Map.of("chi2_ndf_djet", 1.96, "adv_auc", 0.523));
        MetricsJson.write(dir.resolve("metrics.json"), metrics);
        Files.writeString(dir.resolve("report.html"), "<html><body>report</body></html>\n");
        return dir;
    }

    /** name -> bytes, in zip order, asserting every entry's time and name on the way. */
    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDateTime.ofInstant(TIME, ZoneOffset.UTC));
                assertThat(e.getExtra()).as(e.getName()).isNull();
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void zipsTheExportedModelAndItsEvaluationWithAManifestFirst(@TempDir Path dir) throws Exception {
        Path eval = evaluation(Files.createDirectories(dir.resolve("evaluate")));
        List<String> log = new ArrayList<>();
        ModelArtifact.Result r = ModelArtifact.write(request(model, null, eval, null, dir.resolve("a-model.zip")),
                log::add);

        Map<String, byte[]> entries = unzip(r.zip());
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names.get(0)).isEqualTo(ModelArtifact.MANIFEST);
        assertThat(names.subList(1, names.size())).isSorted()
                .contains("saved_model/", "saved_model/saved_model.pb", "frozen_graph.pb", "weights.ckpt",
                        "scaling.json", "settings.json", "evaluation/metrics.json", "evaluation/report.html")
                .allMatch(n -> !n.startsWith("/") && !n.contains("..") && !n.contains("\\"));
        try (Stream<Path> files = Files.walk(model)) {
            long modelFiles = files.filter(Files::isRegularFile)
                    .filter(f -> !model.relativize(f).startsWith(ModelExport.CHECKPOINTS)).count();
            assertThat(r.manifest().entries()).hasSize((int) modelFiles + 2);
        }
        // every file is the model directory's, byte for byte, and the manifest's hashes are right
        assertThat(entries.get("frozen_graph.pb")).isEqualTo(Files.readAllBytes(model.resolve("frozen_graph.pb")));
        assertThat(entries.get("evaluation/report.html")).isEqualTo(Files.readAllBytes(eval.resolve("report.html")));
        for (Manifest.Entry e : r.manifest().entries()) {
            assertThat(entries.get(e.path()).length).as(e.path()).isEqualTo(e.size());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get(e.path()))))
                    .as(e.path()).isEqualTo(e.sha256());
        }

        // the manifest: name from settings.json's mode, this model's metrics only, inputs and outputs
        JsonNode m = JSON.readTree(entries.get(ModelArtifact.MANIFEST));
        assertThat(m.get("format").asText()).isEqualTo("tauml-model-artifact");
        assertThat(m.get("model").asText()).isEqualTo("default");
        assertThat(m.get("producer").get("plugin").asText()).isEqualTo("io.github.tauml:adversarial-maven-plugin:test");
        assertThat(m.get("metrics").get("chi2_ndf_djet").asDouble()).isEqualTo(5.04);
        assertThat(m.get("metrics").has("adv_auc")).isFalse();
        assertThat(m.get("outputs").toString()).isEqualTo("[\"main_output\"]");
        assertThat(m.get("inputs").get(0).get("name").asText())
                .isEqualTo(ExportedModels.inputs().get(0).name());
        assertThat(m.get("network").get("tau_net").asText()).isNotEmpty();
        assertThat(m.get("network").has("inputs")).isFalse();
        assertThat(ModelArtifact.readManifest(r.zip())).isEqualTo(r.manifest());
        assertThat(log).anyMatch(l -> l.contains("its evaluation is included (metrics.json, report.html"))
                .anyMatch(l -> l.startsWith("Packaged model 'default'"));
    }

    @Test
    void sameModelSameBytesWhateverTheFileTimesAndTheOutputName(@TempDir Path dir) throws Exception {
        Path eval = evaluation(Files.createDirectories(dir.resolve("evaluate")));
        Path first = ModelArtifact.write(request(model, null, eval, null, dir.resolve("first.zip")), l -> { }).zip();
        Path copy = dir.resolve("copy");
        copyTree(model, copy);
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2021-05-05T12:00:00Z")));
            }
        }
        Path second = ModelArtifact.write(request(copy, "default", eval, null, dir.resolve("out/second.zip")),
                l -> { }).zip();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(dir.resolve("out")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void theKeptEpochEndsStayOutOfTheArtifact(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("adv");
        copyTree(model, copy);
        copyTree(model.resolve(ModelExport.SAVED_MODEL), copy.resolve(ModelExport.CHECKPOINTS).resolve("epoch-3")
                .resolve(ModelExport.SAVED_MODEL));
        Map<String, byte[]> withCheckpoints = unzip(ModelArtifact.write(request(copy, null, null, null,
                dir.resolve("with.zip")), l -> { }).zip());
        Map<String, byte[]> plain = unzip(ModelArtifact.write(request(model, null, null, null,
                dir.resolve("plain.zip")), l -> { }).zip());
        assertThat(withCheckpoints.keySet()).noneMatch(k -> k.startsWith(ModelExport.CHECKPOINTS))
                .containsExactlyElementsOf(plain.keySet());
    }

    @Test
    void unzippedTheSavedModelPredictsExactlyAsTheExportedOne(@TempDir Path dir) throws Exception {
        Path zip = ModelArtifact.write(request(model, null, null, null, dir.resolve("m.zip")), l -> { }).zip();
        Path unpacked = dir.resolve("unpacked");
        for (Map.Entry<String, byte[]> e : unzip(zip).entrySet()) {
            Path target = unpacked.resolve(e.getKey());
            if (e.getKey().endsWith("/")) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
        }
        float[][] x = ExportedModels.batch(40, 9);
        float[][] original = ModelExport.predictSavedModel(model, ExportedModels.inputs(), x, 40);
        float[][] shipped = ModelExport.predictSavedModel(unpacked, ExportedModels.inputs(), x, 40);
        assertThat(shipped[0]).hasSize(160).containsExactly(original[0]);
        assertThat(ModelArtifact.readManifest(zip).metrics()).isNull();
    }

    @Test
    void absolutePathsOfTheCheckoutInSettingsBecomeRelative(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("adv");
        copyTree(model, copy);
        ObjectNode settings = (ObjectNode) JSON.readTree(copy.resolve("settings.json").toFile());
        settings.put("mode", "adversarial");
        settings.put("starting_model", shared.resolve("target/adversarial/model/default").toString());
        settings.put("elsewhere", "/opt/models/x");
        JSON.writeValue(copy.resolve("settings.json").toFile(), settings);
        ModelArtifact.Result r = ModelArtifact.write(request(copy, null, null, null, dir.resolve("a.zip")), l -> { });
        JsonNode shipped = JSON.readTree(unzip(r.zip()).get("settings.json"));
        assertThat(shipped.get("starting_model").asText()).isEqualTo("target/adversarial/model/default");
        assertThat(shipped.get("elsewhere").asText()).isEqualTo("/opt/models/x");
        assertThat(r.manifest().model()).isEqualTo("adversarial");
        assertThat(r.manifest().network().get("starting_model").asText()).isEqualTo("target/adversarial/model/default");
    }

    @Test
    void theDatasetSpecGivesTheFeatureNamesAndMustMatchTheModel(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (var s : ExportedModels.inputs()) {
            List<String> features = new ArrayList<>();
            for (int c = 0; c < s.shape()[s.shape().length - 1]; c++) {
                features.add(s.name() + "_f" + c);
            }
            List<Integer> shape = new ArrayList<>();
            for (int d : s.shape()) {
                shape.add(d);
            }
            inputs.add(Map.of("name", s.name(), "shape", shape, "features", features));
        }
        Path spec = dir.resolve("spec.json");
        JSON.writeValue(spec.toFile(), Map.of("inputs", inputs));
        Manifest m = ModelArtifact.write(request(model, null, null, spec, dir.resolve("a.zip")), l -> { }).manifest();
        assertThat(m.inputs().get(0).features()).startsWith(ExportedModels.inputs().get(0).name() + "_f0");

        JSON.writeValue(spec.toFile(), Map.of("inputs", inputs.subList(0, 1)));
        assertThatThrownBy(() -> ModelArtifact.write(request(model, null, null, spec, dir.resolve("b.zip")),
                l -> { })).isInstanceOf(ConfigException.class).hasMessageStartingWith("<datasetSpec>: ")
                .hasMessageContaining("Fix: point <datasetSpec> at the spec.json of the dataset the model was trained");
        assertThat(dir.resolve("b.zip")).doesNotExist();
    }

    @Test
    void badInputsNameTheElementAndWriteNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.zip");
        Files.writeString(out, "an earlier artifact");
        assertThatThrownBy(() -> ModelArtifact.write(request(dir.resolve("nope"), null, null, null, out), l -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<modelDirectory>: ").hasMessageContaining("does not exist")
                .hasMessageContaining("Fix: run the train goal first");
        Path incomplete = Files.createDirectories(dir.resolve("incomplete"));
        Files.writeString(incomplete.resolve("settings.json"), "{\"mode\": \"default\"}");
        assertThatThrownBy(() -> ModelArtifact.write(request(incomplete, null, null, null, out), l -> { }))
                .hasMessageContaining("is not a model directory exported by the train goal: it has no"
                        + " saved_model/saved_model.pb, frozen_graph.pb");
        Path eval = evaluation(Files.createDirectories(dir.resolve("evaluate")));
        assertThatThrownBy(() -> ModelArtifact.write(request(model, "adversarial_k2_0", eval, null, out), l -> { }))
                .hasMessageStartingWith("<name>: the evaluation's metrics.json")
                .hasMessageContaining("has the models [default, adversarial], not 'adversarial_k2_0'");
        assertThatThrownBy(() -> ModelArtifact.write(request(model, "a b", null, null, out), l -> { }))
                .hasMessageStartingWith("<name>: 'a b' is not a model name");
        assertThatThrownBy(() -> ModelArtifact.write(request(model, null, null, null, model.resolve("m.zip")),
                l -> { })).hasMessageStartingWith("<outputFile>: the zip").hasMessageContaining("inside the model");
        assertThat(out).hasContent("an earlier artifact");
        assertThat(model.resolve("m.zip")).doesNotExist();
        assertThatThrownBy(() -> ModelArtifact.readManifest(out)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a model artifact");
    }

    @Test
    void anEvaluationOlderThanTheModelIsRefused(@TempDir Path dir) throws Exception {
        Path eval = evaluation(Files.createDirectories(dir.resolve("evaluate")));
        Path copy = dir.resolve("retrained");
        copyTree(model, copy);
        Files.setLastModifiedTime(eval.resolve("metrics.json"), FileTime.from(Instant.parse("2021-05-05T12:00:00Z")));
        assertThatThrownBy(() -> ModelArtifact.write(request(copy, null, eval, null, dir.resolve("m.zip")), l -> { }))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("<evaluationDirectory>: ")
                .hasMessageContaining("is older than the model").hasMessageContaining("Fix: run the evaluate goal"
                        + " before package-model");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }

    @Test
    void aSymbolicLinkInsideTheModelIsRefused(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("linked");
        copyTree(model, copy);
        Files.writeString(dir.resolve("outside.txt"), "not part of the model");
        Files.createSymbolicLink(copy.resolve("notes.txt"), dir.resolve("outside.txt"));
        assertThatThrownBy(() -> ModelArtifact.write(request(copy, null, null, null, dir.resolve("m.zip")), l -> { }))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("<modelDirectory>: ")
                .hasMessageContaining("notes.txt is neither a regular file nor a directory");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
