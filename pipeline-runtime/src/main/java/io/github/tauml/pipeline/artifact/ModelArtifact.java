package io.github.tauml.pipeline.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.exec.AtomicFiles;
import io.github.tauml.pipeline.model.ModelExport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The entry point of the {@code package-model} goal: zips a model directory exported by the {@code train} goal, with
 * the evaluation's {@code metrics.json} and {@code report.html} when present, into one artifact that {@code mvn
 * install} puts into the local repository (classifier {@code model}, type {@code zip}) and another project can depend
 * on.
 *
 * <p>Layout: {@code model-manifest.json} ({@link Manifest}) first, then, sorted by name, the model directory as it was
 * exported ({@code saved_model/}, {@code frozen_graph.pb}, {@code weights.ckpt}, {@code scaling.json},
 * {@code settings.json}) and {@code evaluation/metrics.json}, {@code evaluation/report.html}. Unzipped, the archive is
 * a model directory the {@code evaluate} goal takes as {@code <savedModel>dir/saved_model</savedModel>} and the
 * {@code train} goal as {@code <startingModel>}.
 *
 * <p>Deterministic: entries sorted, every entry time the request's timestamp (DOS time, no extra fields), names
 * relative with {@code /}; absolute paths under the analysis directory inside {@code settings.json} are written
 * relative to it. Same inputs, same bytes. Published atomically: a failed or killed run leaves any earlier zip as it
 * was.
 */
public final class ModelArtifact {
    /** The version of what the stage writes: raise it when the same request would write other bytes. */
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT = "tauml-model-artifact";
    /** The manifest's name inside the zip: the first entry. */
    public static final String MANIFEST = "model-manifest.json";
    /** Where the evaluation's files go inside the zip. */
    public static final String EVALUATION = "evaluation/";
    /** Used when the build sets no usable {@code project.build.outputTimestamp}: the start of DOS time. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private ModelArtifact() {
    }

    /** What was written: the zip, its manifest, its size in bytes and its number of entries. */
    public record Result(Path zip, Manifest manifest, long bytes, int entries) {
    }

    /**
     * Writes the artifact.
     *
     * @throws ConfigException the model directory is missing or incomplete, the name is not in {@code metrics.json},
     *                         the dataset spec describes other inputs, or the output lies inside an input; nothing is
     *                         written
     */
    public static Result write(ModelArtifactRequest req, Consumer<String> log) throws ConfigException, IOException {
        Path model = req.modelDirectory().toAbsolutePath().normalize();
        checkModelDirectory(model);
        Path out = req.output().toAbsolutePath().normalize();
        if (out.startsWith(model) || (req.evaluationDirectory() != null
                && out.startsWith(req.evaluationDirectory().toAbsolutePath().normalize()))) {
            throw new ConfigException("<outputFile>", "the zip " + out + " would be written inside the model or"
                    + " evaluation directory it packages", "write it elsewhere, e.g. ${project.build.directory}/"
                    + "${project.build.finalName}-model.zip (the default)");
        }
        JsonNode settings = readJson(model.resolve("settings.json"), "<modelDirectory>");
        String mode = settings.path("mode").asText(null);
        String name = req.name() == null || req.name().isBlank() ? mode : req.name().trim();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException("<name>", name == null ? "no name given and settings.json records no mode"
                    : "'" + name + "' is not a model name", "use letters, digits, '_', '.' and '-', e.g."
                    + " <name>adversarial</name>");
        }

        // name -> a file to copy, or the bytes to write
        TreeMap<String, Object> entries = new TreeMap<>();
        FileTime newest = FileTime.fromMillis(0);
        try (Stream<Path> walk = Files.walk(model)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(model)) {
                    continue;
                }
                Path rel = model.relativize(p);
                if (hidden(rel)) {
                    continue; // staging and state files, as the fingerprints skip them
                }
                if (rel.getName(0).toString().equals(ModelExport.CHECKPOINTS)) {
                    continue; // earlier epoch ends, kept for the evaluation's mean: the artifact ships the model
                }
                String entry = entryName(rel);
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(entry + "/", null);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(entry, p);
                    FileTime t = Files.getLastModifiedTime(p);
                    newest = t.compareTo(newest) > 0 ? t : newest;
                } else {
                    throw new ConfigException("<modelDirectory>", p + " is neither a regular file nor a directory"
                            + " (a symbolic link, a pipe or a device)", "the artifact holds copies of regular files"
                            + " only: replace it by the file it stands for, or package the directory the train goal"
                            + " exported");
                }
            }
        }
        ObjectNode network = settings.deepCopy();
        boolean rewritten = relativize(network, req.baseDirectory());
        if (rewritten) {
            entries.put("settings.json", (JSON.writeValueAsString(network) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<Manifest.Input> inputs = inputs(settings, req.datasetSpec());
        List<String> outputs = new ArrayList<>();
        settings.path("outputs").forEach(o -> outputs.add(o.asText()));
        network.remove("inputs");
        network.remove("outputs");

        JsonNode metrics = null;
        Path evaluation = req.evaluationDirectory();
        if (evaluation != null && Files.isRegularFile(evaluation.resolve("metrics.json"))) {
            FileTime evaluated = Files.getLastModifiedTime(evaluation.resolve("metrics.json"));
            if (evaluated.compareTo(newest) < 0) {
                throw new ConfigException("<evaluationDirectory>", evaluation.resolve("metrics.json") + " ("
                        + evaluated + ") is older than the model in " + model + " (" + newest + "): it evaluates an"
                        + " earlier model", "run the evaluate goal before package-model (bind package-model to the"
                        + " verify phase, after evaluate), or point <evaluationDirectory> at a directory without"
                        + " metrics.json to ship the model without metrics");
            }
            JsonNode all = readJson(evaluation.resolve("metrics.json"), "<evaluationDirectory>");
            if (!all.has(name)) {
                List<String> names = new ArrayList<>();
                all.fieldNames().forEachRemaining(names::add);
                throw new ConfigException("<name>", "the evaluation's metrics.json (" + evaluation.resolve(
                        "metrics.json") + ") has the models " + names + ", not '" + name + "'", "set <name> to the"
                        + " evaluated model this directory holds, or <evaluationDirectory> to its own evaluation");
            }
            metrics = all.get(name);
            entries.put(EVALUATION + "metrics.json", evaluation.resolve("metrics.json"));
            if (Files.isRegularFile(evaluation.resolve("report.html"))) {
                entries.put(EVALUATION + "report.html", evaluation.resolve("report.html"));
            }
            entries.put(EVALUATION, null);
            log.accept("Model '" + name + "': its evaluation is included (" + (entries.containsKey(EVALUATION
                    + "report.html") ? "metrics.json, report.html" : "metrics.json") + " from " + evaluation + ")");
        } else {
            log.accept("Model '" + name + "': no evaluation at " + (evaluation == null ? "(none given)"
                    : evaluation.resolve("metrics.json")) + "; the artifact carries no metrics");
        }

        List<Manifest.Entry> listed = new ArrayList<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() != null) {
                byte[] hash;
                long size;
                if (e.getValue() instanceof byte[] b) {
                    hash = sha256(b);
                    size = b.length;
                } else {
                    Path f = (Path) e.getValue();
                    hash = sha256(f);
                    size = Files.size(f);
                }
                listed.add(new Manifest.Entry(e.getKey(), size, HexFormat.of().formatHex(hash)));
            }
        }
        Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, name, mode, req.producer(),
                ModelExport.SAVED_MODEL, ModelExport.SIGNATURE, ModelExport.FROZEN_GRAPH, inputs, outputs, network,
                metrics, listed);
        byte[] manifestBytes = (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8);

        LocalDateTime time = LocalDateTime.ofInstant(req.timestamp() == null ? DEFAULT_TIMESTAMP : req.timestamp(),
                ZoneOffset.UTC);
        AtomicFiles.write(out, stream -> {
            ZipOutputStream zip = new ZipOutputStream(stream);
            put(zip, MANIFEST, manifestBytes, time);
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                if (e.getValue() instanceof byte[] b) {
                    put(zip, e.getKey(), b, time);
                } else {
                    ZipEntry z = new ZipEntry(e.getKey());
                    z.setTimeLocal(time);
                    zip.putNextEntry(z);
                    if (e.getValue() instanceof Path f) {
                        Files.copy(f, zip);
                    }
                    zip.closeEntry();
                }
            }
            zip.finish();
        });
        long bytes = Files.size(out);
        log.accept(String.format(Locale.ROOT, "Packaged model '%s' (%d files, %,.1f kB) into %s", name,
                listed.size() + 1, bytes / 1024.0, out));
        return new Result(out, manifest, bytes, entries.size() + 1);
    }

    /** Reads the manifest of a model artifact (the zip {@link #write} wrote). */
    public static Manifest readManifest(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST)) {
                    return JSON.readValue(in.readAllBytes(), Manifest.class);
                }
            }
        }
        throw new IOException(zip + " is not a model artifact: it has no " + MANIFEST + " (package it with the"
                + " package-model goal)");
    }

    private static void checkModelDirectory(Path model) throws ConfigException {
        String fix = "run the train goal first (it publishes target/adversarial/model/<mode>), or set <modelDirectory>"
                + " to a directory it exported";
        if (!Files.isDirectory(model)) {
            throw new ConfigException("<modelDirectory>", model + " does not exist or is not a directory", fix);
        }
        List<String> missing = new ArrayList<>();
        for (String f : List.of(ModelExport.SAVED_MODEL + "/saved_model.pb", ModelExport.FROZEN_GRAPH,
                "settings.json")) {
            if (!Files.isRegularFile(model.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("<modelDirectory>", model + " is not a model directory exported by the train"
                    + " goal: it has no " + String.join(", ", missing), fix);
        }
    }

    /** The inputs of settings.json, with the feature names of the dataset spec when one is given. */
    private static List<Manifest.Input> inputs(JsonNode settings, Path datasetSpec) throws ConfigException,
            IOException {
        List<Manifest.Input> fromModel = new ArrayList<>();
        for (JsonNode i : settings.path("inputs")) {
            List<Integer> shape = new ArrayList<>();
            i.path("shape").forEach(s -> shape.add(s.asInt()));
            fromModel.add(new Manifest.Input(i.path("name").asText(), List.copyOf(shape), null));
        }
        if (datasetSpec == null || !Files.isRegularFile(datasetSpec)) {
            return fromModel;
        }
        JsonNode spec = readJson(datasetSpec, "<datasetSpec>");
        List<Manifest.Input> out = new ArrayList<>();
        List<String> specInputs = new ArrayList<>();
        for (JsonNode i : spec.path("inputs")) {
            List<Integer> shape = new ArrayList<>();
            i.path("shape").forEach(s -> shape.add(s.asInt()));
            List<String> features = new ArrayList<>();
            i.path("features").forEach(f -> features.add(f.asText()));
            specInputs.add(i.path("name").asText() + shape);
            out.add(new Manifest.Input(i.path("name").asText(), List.copyOf(shape), List.copyOf(features)));
        }
        List<String> modelInputs = fromModel.stream().map(i -> i.name() + i.shape()).toList();
        if (!modelInputs.equals(specInputs)) {
            throw new ConfigException("<datasetSpec>", datasetSpec + " describes the inputs " + specInputs
                    + ", the model takes " + modelInputs, "point <datasetSpec> at the spec.json of the dataset the"
                    + " model was trained on");
        }
        return out;
    }

    /** Rewrites absolute paths under {@code base} as relative ones, in place; true if any was. */
    private static boolean relativize(JsonNode node, Path base) {
        if (base == null) {
            return false;
        }
        Path root = base.toAbsolutePath().normalize();
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    String rel = relative(e.getValue().asText(), root);
                    if (rel != null) {
                        o.set(e.getKey(), TextNode.valueOf(rel));
                        changed = true;
                    }
                } else {
                    changed |= relativize(e.getValue(), base);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                String rel = v.isTextual() ? relative(v.asText(), root) : null;
                if (rel != null) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(rel));
                    changed = true;
                } else {
                    changed |= relativize(v, base);
                }
            }
        }
        return changed;
    }

    private static String relative(String text, Path root) {
        if (!text.startsWith("/") && !(text.length() > 2 && text.charAt(1) == ':')) {
            return null;
        }
        try {
            Path p = Path.of(text).normalize();
            if (p.isAbsolute() && p.startsWith(root)) {
                String rel = entryName(root.relativize(p));
                return rel.isEmpty() ? "." : rel;
            }
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return null;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time) throws IOException {
        ZipEntry z = new ZipEntry(name);
        z.setTimeLocal(time);
        zip.putNextEntry(z);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static JsonNode readJson(Path file, String element) throws ConfigException {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ConfigException(element, file + " cannot be read as JSON: " + e.getMessage(), "regenerate it"
                    + " with the goal that writes it (train, evaluate or dataset)");
        }
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String entryName(Path rel) {
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return d.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
