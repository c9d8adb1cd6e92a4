package io.github.tauml.pipeline.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code adversarial.lock.json} at the analysis repository's root: for every stage, its parameters, the SHA-256 of its
 * inputs and outputs, and the versions of the tools that made them, for users to commit beside the pom. In
 * {@link Mode#VERIFY} a stage whose outputs differ from the locked ones fails, naming the stage, the file and both
 * hashes, so that CI proves a result is reproduced bit for bit. Paths are stored relative to the repository root, so
 * the file is the same on every machine.
 */
public final class LockFile {
    /**
     * Outputs recorded but not verified, by the end of their path, as their bytes differ from build to build while
     * what they carry does not:
     * <ul>
     *   <li>{@code saved_model.pb} and {@code frozen_graph.pb}: TensorFlow serialises graph protos in no fixed order
     *   (the weights are verified, in the SavedModel's {@code variables/} and in {@code weights.ckpt});</li>
     *   <li>{@code report.html}: its pipeline summary shows each stage's wall time (its metrics, plots and settings are
     *   the verified {@code metrics.json} and plots, and the stages' parameters);</li>
     *   <li>{@code -model.zip}: it holds the graph protos and the report (the train stage locks its weights).</li>
     * </ul>
     * Everything else is verified: data, weights, {@code metrics.json}, the PNG and PDF plots (no time stamp, an /ID
     * from their content; dated by {@code SOURCE_DATE_EPOCH} when set, so a build verifying the lock needs the value
     * the lock was written with), {@code spec.json} and {@code settings.json} (paths relative to the dataset and
     * analysis directories).
     */
    static final List<String> NOT_BYTE_REPRODUCIBLE = List.of("/saved_model.pb", "/frozen_graph.pb", "/report.html",
            "-model.zip");

    /** Added to a PDF's difference: the one input of its bytes that is not in the lock's inputs. */
    static final String PDF_HINT = "; PDFs are dated SOURCE_DATE_EPOCH when it is set: build with the value (or"
            + " without it) as when the lock was written";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What the build does with the lock file. */
    public enum Mode {
        /** Record each stage's entry (the default): the file always describes the last successful build. */
        UPDATE,
        /** Compare each stage's outputs with its entry and fail on any difference; the file is not changed. */
        VERIFY,
        /** Neither read nor write the file. */
        OFF;

        public static Mode parse(String s) {
            try {
                return s == null || s.isBlank() ? UPDATE : valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a lock mode; use update, verify or off");
            }
        }
    }

    private LockFile() {
    }

    /**
     * Records {@code fingerprint} as the entry of its stage ({@link Mode#UPDATE}), or checks the stage's outputs
     * against the entry ({@link Mode#VERIFY}).
     *
     * @param root  the repository root (the project directory); paths in the file are relative to it
     * @param tools tool versions to record (Java, TensorFlow, ...)
     * @return the differences found in {@link Mode#VERIFY} (empty when the outputs are as locked), each naming the
     *         stage, the file and both hashes; always empty in the other modes
     */
    public static List<String> apply(Mode mode, Path file, Path root, Fingerprint fingerprint,
                                     Map<String, String> tools) throws IOException {
        if (mode == Mode.OFF) {
            return List.of();
        }
        ObjectNode lock = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile())
                : JSON.createObjectNode();
        ObjectNode stages = lock.has("stages") ? (ObjectNode) lock.get("stages") : lock.putObject("stages");
        if (mode == Mode.VERIFY) {
            return differences(file, root, stages.get(fingerprint.stage()), fingerprint);
        }
        lock.put("format", "adversarial-lock");
        lock.put("format_version", 1);
        ObjectNode entry = JSON.createObjectNode();
        entry.put("plugin_version", fingerprint.pluginVersion());
        entry.put("format_version", fingerprint.formatVersion());
        entry.set("tools", JSON.valueToTree(new TreeMap<>(tools)));
        entry.set("parameters", relativise(fingerprint.parameters(), root));
        entry.set("inputs", JSON.valueToTree(hashes(fingerprint.inputs(), root)));
        entry.set("outputs", JSON.valueToTree(hashes(fingerprint.outputs(), root)));
        stages.set(fingerprint.stage(), entry);
        AtomicFiles.write(file, (JSON.writeValueAsString(sorted(lock)) + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return List.of();
    }

    private static List<String> differences(Path file, Path root, JsonNode entry, Fingerprint now) {
        List<String> out = new ArrayList<>();
        String where = file.getFileName().toString();
        if (entry == null) {
            out.add("stage " + now.stage() + " has no entry in " + where);
            return out;
        }
        Map<String, String> locked = new TreeMap<>();
        entry.path("outputs").fields().forEachRemaining(e -> locked.put(e.getKey(), e.getValue().asText()));
        Map<String, String> produced = hashes(now.outputs(), root);
        for (var e : locked.entrySet()) {
            if (NOT_BYTE_REPRODUCIBLE.stream().anyMatch(e.getKey()::endsWith)) {
                continue;
            }
            String got = produced.get(e.getKey());
            if (got == null) {
                out.add("stage " + now.stage() + ": " + e.getKey() + " is in " + where + " but was not produced");
            } else if (!got.equals(e.getValue())) {
                out.add("stage " + now.stage() + ": " + e.getKey() + " differs from " + where + " (locked "
                        + e.getValue().substring(0, 12) + "…, produced " + got.substring(0, 12) + "…)"
                        + (e.getKey().endsWith(".pdf") ? PDF_HINT : ""));
            }
        }
        for (String p : produced.keySet()) {
            if (!locked.containsKey(p)) {
                out.add("stage " + now.stage() + ": " + p + " was produced but is not in " + where);
            }
        }
        return out;
    }

    private static Map<String, String> hashes(Map<String, Fingerprint.Stamp> stamps, Path root) {
        Map<String, String> out = new TreeMap<>();
        Path base = root.toAbsolutePath().normalize();
        stamps.forEach((path, stamp) -> out.put(relative(base, path), stamp.sha256() == null ? "missing"
                : stamp.sha256()));
        return out;
    }

    private static String relative(Path base, String path) {
        Path p = Path.of(path);
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }

    /** Absolute paths under the root, in parameter values, become relative ones. */
    private static JsonNode relativise(JsonNode parameters, Path root) {
        String base = root.toAbsolutePath().normalize().toString();
        try {
            String text = JSON.writeValueAsString(parameters).replace(base + "/", "").replace(base, ".");
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = JSON.createObjectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            o.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            fields.forEach(out::set);
            return out;
        }
        return node;
    }
}
