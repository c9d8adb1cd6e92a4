package io.github.tauml.pipeline.toy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings that made a toy file, recorded beside it as {@code <sample>.root.json} (docs/toy-ntuples.md): the
 * generator's format version, the seed, the mismodelling factors and whether particles were written (compared
 * between files), every sample of the run with its count and the compression (recorded), the sample, its count and
 * the size of the ROOT file it describes. The ROOT file's bytes do not depend on it.
 *
 * <p>The JSON is published after its ROOT file, so a run stopped in between leaves the new file with the old
 * settings: its recorded size no longer matches, and {@link #mixed} refuses it rather than let a mixed set through.
 * A later stage calls {@link #mixed} on its inputs; files without settings (real TauTuples) are not judged.
 */
public final class ToySettings {
    /** Appended to the ROOT file's name: {@code DYtautau.root} → {@code DYtautau.root.json}. */
    public static final String SUFFIX = ".json";
    /** What the {@code generator} field holds. */
    static final String GENERATOR = "tauml toy-ntuples";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ToySettings() {
    }

    /** Where the settings of toy file {@code rootFile} are recorded. */
    public static Path of(Path rootFile) {
        return rootFile.resolveSibling(rootFile.getFileName() + SUFFIX);
    }

    /**
     * What makes the candidates of one run comparable with another's, in a fixed order (the JSON's {@code settings}
     * object, which {@link #mixed} compares): the generator's format version, the seed, the mismodelling factors and
     * whether particles were written. The samples and counts do not enter: each sample has its own random streams.
     */
    static ObjectNode runSettings(ToyRequest r) {
        ObjectNode s = JSON.createObjectNode();
        s.put("formatVersion", ToyNtuples.FORMAT_VERSION);
        s.put("seed", r.seed());
        Mismodelling m = r.mismodelling();
        ObjectNode mis = s.putObject("mismodelling");
        mis.put("tauEnergyScale", m.tauEnergyScale());
        mis.put("jetPhotonMultiplicity", m.jetPhotonMultiplicity());
        mis.put("jetNeutralHadronResponse", m.jetNeutralHadronResponse());
        mis.put("tauPhotonActivity", m.tauPhotonActivity());
        mis.put("pileupDensity", m.pileupDensity());
        mis.put("ipResolution", m.ipResolution());
        mis.put("ipTails", m.ipTails());
        s.put("particles", r.particles());
        return s;
    }

    /** The rest of the run, recorded for the reader but not compared: every sample with its count, the compression. */
    static ObjectNode runRecord(ToyRequest r) {
        ObjectNode s = JSON.createObjectNode();
        ObjectNode samples = s.putObject("samples");
        for (ToySample t : ToySample.values()) {
            Long n = r.entries().get(t);
            if (n != null) {
                samples.put(t.fileName(), n);
            }
        }
        s.put("compression", r.compression().name().toLowerCase(Locale.ROOT));
        s.put("compressionLevel", r.level());
        return s;
    }

    /**
     * Records the settings of {@code rootFile}, already published, atomically beside it.
     *
     * @throws IOException the JSON could not be written
     */
    static void write(ToyRequest r, ToySample sample, long entries, Path rootFile) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("generator", GENERATOR);
        root.put("sample", sample.fileName());
        root.put("entries", entries);
        root.put("size", Files.size(rootFile));
        root.set("settings", runSettings(r));
        root.set("run", runRecord(r));
        AtomicFiles.writeString(of(rootFile), JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Toy inputs that do not belong together.
     *
     * @param first   the file the others are compared with (the one at fault when its settings do not describe it)
     * @param second  the file whose settings differ from {@code first}'s (equal to {@code first} for a size mismatch)
     * @param message what is wrong, naming both files and the setting, and what to do
     */
    public record Mixed(Path first, Path second, String message) {
    }

    /** The recorded settings of one file. */
    private record Recorded(Path file, JsonNode json) {
    }

    /**
     * Whether {@code inputs} were written by different toy runs: returns what is wrong, naming both files and the
     * first setting that differs (for example {@code seed is 1 in a.root but 2 in b.root}), or a file whose recorded size
     * does not match (a run stopped between writing the file and its settings). Files without recorded settings are
     * skipped; a settings file that cannot be parsed is reported.
     *
     * @throws IOException a settings file exists but cannot be read
     */
    public static Optional<Mixed> mixed(List<Path> inputs) throws IOException {
        List<Recorded> recorded = new ArrayList<>();
        for (Path f : inputs) {
            Path json = of(f);
            if (!Files.isRegularFile(json)) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(json.toFile());
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                return Optional.of(new Mixed(f, f, "the toy settings " + json + " cannot be read (" + e.getOriginalMessage()
                        + "); regenerate the toy files with the toy-ntuples goal"));
            }
            if (node == null || !GENERATOR.equals(node.path("generator").asText()) || !node.has("settings")) {
                continue;
            }
            long size = node.path("size").asLong(-1);
            long actual = Files.size(f);
            if (size != actual) {
                return Optional.of(new Mixed(f, f, f + " is not the file its settings " + json.getFileName() + " describe (they"
                        + " record " + String.format(Locale.ROOT, "%,d", size) + " bytes, the file has "
                        + String.format(Locale.ROOT, "%,d", actual) + "): a toy run was stopped between the two;"
                        + " regenerate the toy files with the toy-ntuples goal"));
            }
            recorded.add(new Recorded(f, node.get("settings")));
        }
        for (int i = 1; i < recorded.size(); i++) {
            Recorded a = recorded.get(0);
            Recorded b = recorded.get(i);
            Optional<String> d = difference("", a.json(), b.json());
            if (d.isPresent()) {
                String[] kv = d.get().split("\u0000", 3);
                return Optional.of(new Mixed(a.file(), b.file(), "toy files written with different settings: " + kv[0] + " is " + kv[1] + " in "
                        + a.file() + " but " + kv[2] + " in " + b.file() + "; they come from two toy runs"
                        + " (one stopped part-way, or the settings changed between them): regenerate them together"
                        + " with the toy-ntuples goal"));
            }
        }
        return Optional.empty();
    }

    /** The first differing setting as {@code path\0valueA\0valueB}, in the JSON's order. */
    private static Optional<String> difference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Map<String, JsonNode> fa = fields(a);
            Map<String, JsonNode> fb = fields(b);
            for (Map.Entry<String, JsonNode> e : fa.entrySet()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode other = fb.get(e.getKey());
                if (other == null) {
                    return Optional.of(p + "\u0000" + e.getValue() + "\u0000(absent)");
                }
                Optional<String> d = difference(p, e.getValue(), other);
                if (d.isPresent()) {
                    return d;
                }
            }
            for (String k : fb.keySet()) {
                if (!fa.containsKey(k)) {
                    return Optional.of((path.isEmpty() ? k : path + "." + k) + "\u0000(absent)\u0000" + fb.get(k));
                }
            }
            return Optional.empty();
        }
        return a.equals(b) ? Optional.empty() : Optional.of(path + "\u0000" + a + "\u0000" + b);
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
