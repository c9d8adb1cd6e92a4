package io.github.tauml.pipeline.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What decides whether a stage is up to date, in the manner of Spotless's and protobuf-maven-plugin's caches: the
 * plugin version, the stage's format version, its normalised parameters, and the state of its inputs and outputs.
 * Files are compared by size and modification time first; only when those differ is the content hash compared, so
 * that a touched but unchanged input does not re-run a stage. The record is written by {@link #save(Path)} after the
 * outputs are published, so a stage killed part-way is never taken as complete.
 *
 * @param stage         the execution, e.g. {@code skim (skim)}
 * @param pluginVersion the plugin's version: a new version re-runs everything
 * @param formatVersion the stage's own version of what it writes
 * @param parameters    the normalised parameters (JSON), without those that cannot change the result (threads, skip)
 * @param inputs        every input file (directories expanded), by path: relative to the project directory when
 *                      under it (so that a moved or re-cloned project is still up to date), absolute otherwise
 * @param outputs       every output file (directories expanded), by path, as the inputs
 */
public record Fingerprint(String stage, String pluginVersion, int formatVersion, JsonNode parameters,
                          Map<String, Stamp> inputs, Map<String, Stamp> outputs) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A file's size, modification time (ms) and SHA-256 (hex). */
    public record Stamp(long size, long modified, String sha256) {
    }

    public Fingerprint {
        Objects.requireNonNull(stage, "stage");
        parameters = normalised(parameters);
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    /**
     * Stamps the given inputs and outputs now. A directory stands for every regular file under it that is not hidden
     * (hidden files are temporary outputs and state); a missing path is recorded as missing.
     *
     * @param previous an earlier fingerprint whose hashes are reused for files of the same size and time, or null
     */
    public static Fingerprint of(String stage, String pluginVersion, int formatVersion, JsonNode parameters,
                                 List<Path> inputs, List<Path> outputs, Fingerprint previous) throws IOException {
        return of(stage, pluginVersion, formatVersion, parameters, inputs, outputs, previous, null);
    }

    /**
     * As {@link #of(String, String, int, JsonNode, List, List, Fingerprint)}, with the files under {@code root} (the
     * project directory) recorded by their path relative to it, and absolute paths under it in the parameters
     * ({@link #relativeParameters}) made relative too: a project moved or cloned elsewhere is still up to date.
     *
     * @param root the project directory, or null to record absolute paths
     */
    public static Fingerprint of(String stage, String pluginVersion, int formatVersion, JsonNode parameters,
                                 List<Path> inputs, List<Path> outputs, Fingerprint previous, Path root)
            throws IOException {
        Path base = root == null ? null : root.toAbsolutePath().normalize();
        return new Fingerprint(stage, pluginVersion, formatVersion, relativeParameters(parameters, base),
                stamps(inputs, previous == null ? Map.of() : previous.inputs(), base),
                stamps(outputs, previous == null ? Map.of() : previous.outputs(), base));
    }

    /**
     * The parameters with every absolute path under {@code root} written relative to it ({@code /home/a/ana/target/x}
     * becomes {@code target/x}, the root itself {@code .}), wherever it occurs in a text value (a file parameter, an
     * {@code <input>} of a nested element, {@code file.root:hist}).
     *
     * @param root the project directory, or null to leave the parameters as they are
     */
    public static JsonNode relativeParameters(JsonNode parameters, Path root) {
        if (root == null || parameters == null) {
            return parameters;
        }
        String base = root.toAbsolutePath().normalize().toString();
        return relativised(parameters.deepCopy(), base);
    }

    private static JsonNode relativised(JsonNode node, String base) {
        if (node.isTextual()) {
            String v = node.asText();
            return JSON.getNodeFactory().textNode(v.equals(base) ? "." : v.replace(base + "/", ""));
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                o.set(n, relativised(o.get(n), base));
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, relativised(a.get(i), base));
            }
        }
        return node;
    }

    /**
     * Why the stage must run again, compared with the fingerprint of its last successful run: empty when it is up to
     * date. Each reason is one short phrase for the log ("parameter selection changed", "input data.root changed").
     */
    public List<String> changesSince(Fingerprint last) {
        List<String> why = new ArrayList<>();
        if (last == null) {
            why.add("no earlier run");
            return why;
        }
        if (!Objects.equals(pluginVersion, last.pluginVersion)) {
            why.add("plugin version " + last.pluginVersion + " -> " + pluginVersion);
        }
        if (formatVersion != last.formatVersion) {
            why.add("output format " + last.formatVersion + " -> " + formatVersion);
        }
        List<String> params = changedFields(parameters, last.parameters);
        if (!params.isEmpty()) {
            why.add((params.size() == 1 ? "parameter " : "parameters ") + String.join(", ", params) + " changed");
        }
        compare("input", inputs, last.inputs, why);
        compare("output", outputs, last.outputs, why);
        return why;
    }

    private static void compare(String kind, Map<String, Stamp> now, Map<String, Stamp> then, List<String> why) {
        List<String> changed = new ArrayList<>();
        for (var e : now.entrySet()) {
            Stamp old = then.get(e.getKey());
            Stamp cur = e.getValue();
            if (old == null) {
                changed.add(name(e.getKey()) + " is new");
            } else if (Objects.equals(cur.sha256(), old.sha256())) {
                continue; // the same content, or missing then and now
            } else if (cur.size() < 0) {
                changed.add(name(e.getKey()) + " is missing");
            } else {
                changed.add(name(e.getKey()) + " changed");
            }
        }
        for (String gone : then.keySet()) {
            if (!now.containsKey(gone)) {
                changed.add(name(gone) + " is gone");
            }
        }
        if (!changed.isEmpty()) {
            int shown = Math.min(3, changed.size());
            why.add(kind + " " + String.join(", ", changed.subList(0, shown))
                    + (changed.size() > shown ? " and " + (changed.size() - shown) + " more" : ""));
        }
    }

    private static String name(String path) {
        return Path.of(path).getFileName().toString();
    }

    /** The names of the top-level parameters that differ, or "(all)" when they are not two objects. */
    private static List<String> changedFields(JsonNode now, JsonNode then) {
        if (Objects.equals(now, then)) {
            return List.of();
        }
        if (!(now instanceof ObjectNode a) || !(then instanceof ObjectNode b)) {
            return List.of("(all)");
        }
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> !Objects.equals(a.get(n), b.get(n))).toList();
    }

    /** Writes this fingerprint as JSON (atomically). */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    /** The fingerprint saved at {@code file}, or null when there is none or it cannot be read (then: re-run). */
    public static Fingerprint load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Fingerprint.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** As read back from the file: 1 is the same number whether it was an int or a long when written. */
    private static JsonNode normalised(JsonNode parameters) {
        try {
            return parameters == null ? JSON.nullNode() : JSON.readTree(JSON.writeValueAsString(parameters));
        } catch (IOException e) {
            throw new IllegalStateException("parameters do not round-trip through JSON", e);
        }
    }

    private static Map<String, Stamp> stamps(List<Path> roots, Map<String, Stamp> previous, Path base)
            throws IOException {
        Map<String, Stamp> out = new LinkedHashMap<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                try (Stream<Path> walk = Files.walk(abs)) {
                    for (Iterator<Path> it = walk.sorted().iterator(); it.hasNext(); ) {
                        Path p = it.next();
                        if (Files.isRegularFile(p) && !hidden(abs, p)) {
                            String key = key(p, base);
                            out.put(key, stamp(p, previous.get(key)));
                        }
                    }
                }
            } else {
                String key = key(abs, base);
                out.put(key, Files.isRegularFile(abs) ? stamp(abs, previous.get(key)) : new Stamp(-1, 0, null));
            }
        }
        return out;
    }

    /** The path relative to {@code base} with {@code /} separators when under it, else absolute. */
    private static String key(Path p, Path base) {
        return base != null && p.startsWith(base) && !p.equals(base)
                ? base.relativize(p).toString().replace('\\', '/') : p.toString();
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Stamp stamp(Path p, Stamp previous) throws IOException {
        long size = Files.size(p);
        long modified = Files.getLastModifiedTime(p).toMillis();
        if (previous != null && previous.size() == size && previous.modified() == modified) {
            return previous;
        }
        return new Stamp(size, modified, sha256(p));
    }

    private static String sha256(Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
