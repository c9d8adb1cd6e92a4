package io.github.tauml.pipeline.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scaling parameters in TauMLTools' scaling-file shape ({@code Training/configs/scaling_params_v1.json}):
 * <pre>{ "&lt;block&gt;": { "&lt;feature&gt;": { "global" | "inner" | "outer": {"mean": m, "std": s, "lim_min": lo, "lim_max": hi} } } }</pre>
 * with blocks {@code TauFlat}, {@code GridGlobal} and the object blocks; infinite limits are written as the strings
 * {@code "-inf"} and {@code "inf"}, as the reference does. Immutable; serializable, so that an executor scales
 * with the very numbers of the driver (issue 13).
 */
public final class ScalingParams implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** One scope's parameters: x' = clamp((x − mean)/std, limMin, limMax). */
    public record Param(double mean, double std, double limMin, double limMax) implements java.io.Serializable {
        public static final Param IDENTITY = new Param(0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

        /** The scaled value; a NaN (not filled) gives 0. */
        public float apply(float x) {
            if (Float.isNaN(x)) {
                return 0f;
            }
            double y = (x - mean) / std;
            return (float) Math.min(Math.max(y, limMin), limMax);
        }
    }

    public static final String GLOBAL = "global";

    /** block → feature → scope → parameters, in insertion order. */
    private final Map<String, Map<String, Map<String, Param>>> blocks;

    ScalingParams(Map<String, Map<String, Map<String, Param>>> blocks) {
        this.blocks = blocks;
    }

    /**
     * The parameters of {@code feature} of {@code block} for {@code scope} (falling back to {@code global});
     * {@code GridGlobal} is also looked up as {@code GridGlobalFeatures}, the block's name in some TauMLTools files.
     */
    public Param get(String block, String feature, String scope) {
        Map<String, Map<String, Param>> b = blocks.get(block);
        if (b == null && "GridGlobal".equals(block)) {
            b = blocks.get("GridGlobalFeatures");
        }
        Map<String, Param> f = b == null ? null : b.get(feature);
        if (f == null) {
            return null;
        }
        Param p = f.get(scope);
        return p != null ? p : f.get(GLOBAL);
    }

    public Map<String, Map<String, Map<String, Param>>> asMap() {
        return blocks;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The JSON text (deterministic: blocks and features in feature-set order). */
    public byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        blocks.forEach((block, features) -> {
            ObjectNode b = root.putObject(block);
            features.forEach((feature, scopes) -> {
                ObjectNode f = b.putObject(feature);
                scopes.forEach((scope, p) -> {
                    ObjectNode s = f.putObject(scope);
                    s.put("mean", p.mean());
                    s.put("std", p.std());
                    putLimit(s, "lim_min", p.limMin());
                    putLimit(s, "lim_max", p.limMax());
                });
            });
        });
        return JSON.writeValueAsBytes(root);
    }

    private static void putLimit(ObjectNode s, String key, double v) {
        if (Double.isInfinite(v)) {
            s.put(key, v > 0 ? "inf" : "-inf");
        } else {
            s.put(key, v);
        }
    }

    /**
     * Reads a scaling file in TauMLTools' shape. Numbers may be JSON numbers or strings ({@code "-1"}, {@code "inf"}).
     *
     * @param element the pom element naming the file, for messages
     */
    public static ScalingParams read(Path file, String element) throws ConfigException, IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(element, file + " is not valid JSON: " + e.getOriginalMessage(),
                    "give a scaling file in TauMLTools' shape");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(element, file + " is not a JSON object of blocks",
                    "give a scaling file in TauMLTools' shape");
        }
        Map<String, Map<String, Map<String, Param>>> blocks = new LinkedHashMap<>();
        var bi = root.fields();
        while (bi.hasNext()) {
            var b = bi.next();
            Map<String, Map<String, Param>> features = new LinkedHashMap<>();
            var fi = b.getValue().fields();
            while (fi.hasNext()) {
                var f = fi.next();
                Map<String, Param> scopes = new LinkedHashMap<>();
                var si = f.getValue().fields();
                while (si.hasNext()) {
                    var s = si.next();
                    String where = b.getKey() + "/" + f.getKey() + "/" + s.getKey();
                    scopes.put(s.getKey(), new Param(number(s.getValue(), "mean", file, where, element),
                            number(s.getValue(), "std", file, where, element),
                            number(s.getValue(), "lim_min", file, where, element),
                            number(s.getValue(), "lim_max", file, where, element)));
                }
                features.put(f.getKey(), scopes);
            }
            blocks.put(b.getKey(), features);
        }
        return new ScalingParams(blocks);
    }

    private static double number(JsonNode node, String key, Path file, String where, String element)
            throws ConfigException {
        JsonNode v = node.get(key);
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        if (v != null && v.isTextual()) {
            String t = v.asText().trim();
            switch (t) {
                case "inf", "+inf", "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
        }
        throw new ConfigException(element, file + ": " + where + " has no numeric '" + key + "'",
                "give mean, std, lim_min and lim_max for every scope");
    }

    /** The scope names a feature of {@code scaling} needs: global, or inner and outer. */
    static List<String> scopes(Scaling s, boolean objectFeature) {
        boolean split = objectFeature && (s.type() == Scaling.Type.NORMAL || s.splitByCone());
        return split ? List.of("inner", "outer") : List.of(GLOBAL);
    }
}
