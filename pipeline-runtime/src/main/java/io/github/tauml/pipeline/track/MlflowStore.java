package io.github.tauml.pipeline.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.tauml.pipeline.exec.AtomicDirectory;
import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes runs in MLflow's file-store layout, which {@code mlflow ui --backend-store-uri mlruns} reads:
 * {@code mlruns/<experiment id>/meta.yaml} and {@code mlruns/<experiment id>/<run id>/{meta.yaml, params/<key>,
 * metrics/<key> ("<timestamp ms> <value> <step>" lines), tags/<key>, artifacts/}}. A run directory appears whole
 * (written aside, then moved into place). The run is tagged with the git commit of the analysis directory
 * ({@code mlflow.source.git.commit}) where there is one, as TauMLTools logs it.
 */
public final class MlflowStore {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final Path root;

    /** @param root the {@code mlruns} directory */
    /** The prefix of per-step metrics ({@code step_loss}); epoch means are logged under the plain name. */
    public static final String STEP_PREFIX = "step_";

    public MlflowStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The recorded run. */
    public record Recorded(String experimentId, String runId, Path directory) {
    }

    /** Writes {@code run}; returns its ids and directory. */
    public Recorded record(RunRecord run) throws IOException {
        String expId = experiment(run.experiment(), run.startMillis());
        String runId = UUID.randomUUID().toString().replace("-", "");
        Path target = root.resolve(expId).resolve(runId);
        try (AtomicDirectory out = AtomicDirectory.create(target)) {
            Path dir = out.staging();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("artifact_uri", target.resolve("artifacts").toUri().toString());
            meta.put("end_time", run.endMillis());
            meta.put("entry_point_name", "");
            meta.put("experiment_id", expId);
            meta.put("lifecycle_stage", "active");
            meta.put("run_id", runId);
            meta.put("run_name", run.runName());
            meta.put("run_uuid", runId);
            meta.put("source_name", "");
            meta.put("source_type", 4);
            meta.put("source_version", "");
            meta.put("start_time", run.startMillis());
            meta.put("status", run.finished() ? 3 : 4);
            meta.put("tags", List.of());
            meta.put("user_id", System.getProperty("user.name", ""));
            YAML.writeValue(dir.resolve("meta.yaml").toFile(), meta);

            Path params = Files.createDirectories(dir.resolve("params"));
            for (var e : run.params().entrySet()) {
                Files.writeString(params.resolve(safe(e.getKey())), e.getValue(), StandardCharsets.UTF_8);
            }
            Path tags = Files.createDirectories(dir.resolve("tags"));
            Map<String, String> allTags = new LinkedHashMap<>(run.tags());
            allTags.put("mlflow.runName", run.runName());
            allTags.put("mlflow.user", System.getProperty("user.name", ""));
            allTags.put("mlflow.source.type", "LOCAL");
            allTags.put("mlflow.source.name", "tauml adversarial-maven-plugin");
            String commit = run.sourceDir() == null ? null : GitCommit.of(run.sourceDir());
            if (commit != null) {
                allTags.put("mlflow.source.git.commit", commit);
            }
            for (var e : allTags.entrySet()) {
                Files.writeString(tags.resolve(safe(e.getKey())), e.getValue(), StandardCharsets.UTF_8);
            }
            Path metrics = Files.createDirectories(dir.resolve("metrics"));
            Map<String, StringBuilder> lines = new LinkedHashMap<>();
            long span = Math.max(run.endMillis() - run.startMillis(), 0);
            int n = run.stepMetrics().size();
            for (int s = 0; s < n; s++) {
                long ts = run.startMillis() + (n > 1 ? span * s / (n - 1) : 0);
                for (var e : run.stepMetrics().get(s).entrySet()) {
                    append(lines, STEP_PREFIX + e.getKey(), ts, e.getValue(), s);
                }
            }
            int epochs = run.epochMetrics().size();
            for (int ep = 0; ep < epochs; ep++) {
                long ts = run.startMillis() + span * (ep + 1) / epochs;
                for (var e : run.epochMetrics().get(ep).entrySet()) {
                    if (!e.getKey().equals("epoch")) {
                        append(lines, e.getKey(), ts, e.getValue(), ep);
                    }
                }
            }
            for (var e : lines.entrySet()) {
                Files.writeString(metrics.resolve(safe(e.getKey())), e.getValue(), StandardCharsets.UTF_8);
            }
            Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
            for (var e : run.artifacts().entrySet()) {
                copy(e.getValue(), artifacts.resolve(e.getKey()));
            }
            out.publish();
        }
        return new Recorded(expId, runId, target);
    }

    private static void append(Map<String, StringBuilder> lines, String key, long ts, double value, long step) {
        lines.computeIfAbsent(key, k -> new StringBuilder()).append(ts).append(' ')
                .append(Double.isFinite(value) ? Double.toString(value) : (Double.isNaN(value) ? "nan"
                        : value > 0 ? "inf" : "-inf")).append(' ').append(step).append('\n');
    }

    /**
     * The directory of the newest finished run called {@code runName} in experiment {@code experiment} (by
     * {@code start_time}, then run id), or empty when there is none: where the evaluation finds the loss and metric
     * curves of the training that wrote the model it evaluates (a training runs, and so records a run, only when its
     * model changes).
     */
    public java.util.Optional<Path> latestRun(String experiment, String runName) throws IOException {
        if (!Files.isDirectory(root)) {
            return java.util.Optional.empty();
        }
        Path best = null;
        long bestStart = Long.MIN_VALUE;
        try (Stream<Path> exps = Files.list(root)) {
            for (Path e : exps.sorted().toList()) {
                Path expMeta = e.resolve("meta.yaml");
                if (!Files.isRegularFile(expMeta)
                        || !experiment.equals(String.valueOf(YAML.readValue(expMeta.toFile(), Map.class).get("name")))) {
                    continue;
                }
                try (Stream<Path> runs = Files.list(e)) {
                    for (Path r : runs.sorted().toList()) {
                        Path meta = r.resolve("meta.yaml");
                        if (!Files.isRegularFile(meta) || !Files.isDirectory(r.resolve("metrics"))) {
                            continue;
                        }
                        Map<?, ?> m = YAML.readValue(meta.toFile(), Map.class);
                        if (!runName.equals(String.valueOf(m.get("run_name"))) || !"3".equals(String.valueOf(m.get("status")))) {
                            continue;
                        }
                        long start = m.get("start_time") instanceof Number n ? n.longValue() : Long.MIN_VALUE;
                        if (best == null || start >= bestStart) {
                            best = r;
                            bestStart = start;
                        }
                    }
                }
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** The id of the experiment named {@code name}, creating it (next free integer id) when missing. */
    private String experiment(String name, long now) throws IOException {
        Files.createDirectories(root);
        int max = -1;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                Path meta = d.resolve("meta.yaml");
                String id = d.getFileName().toString();
                if (!Files.isRegularFile(meta) || !id.matches("\\d+")) {
                    continue;
                }
                max = Math.max(max, Integer.parseInt(id));
                Map<?, ?> m = YAML.readValue(meta.toFile(), Map.class);
                if (name.equals(String.valueOf(m.get("name")))) {
                    return id;
                }
            }
        }
        String id = String.valueOf(max + 1);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", root.resolve(id).toUri().toString());
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        AtomicFiles.writeString(root.resolve(id).resolve("meta.yaml"), YAML.writeValueAsString(meta));
        return id;
    }

    private static String safe(String key) {
        if (key.isEmpty() || key.contains("..") || key.startsWith("/") || !key.matches("[A-Za-z0-9_.\\-/ ]+")) {
            throw new IllegalArgumentException("MLflow key '" + key + "' may hold only letters, digits, _ - . / and "
                    + "spaces");
        }
        return key;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.createDirectories(dest.getParent());
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
