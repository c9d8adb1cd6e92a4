package io.github.tauml.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.tauml.pipeline.model.NetSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the training keys of a TauMLTools-style {@code training_v1.yaml} (reference §3): {@code Setup.adv_parameter},
 * {@code n_tau}, {@code n_adv_tau}, {@code adv_learning_rate}, {@code use_previous_opt} and {@code SetupNN.*}. Keys
 * TauMLTools defines but this training does not use (data-loader paths, grid geometry, feature lists, scaling setup)
 * are accepted and ignored; any other key is an error naming the key and the file. Values left out are null, so that
 * the pom, which wins, and the defaults fill them.
 */
public final class TrainingYaml {
    private static final Set<String> SETUP_USED = Set.of("n_tau", "adv_parameter", "n_adv_tau", "adv_learning_rate",
            "use_previous_opt");
    private static final Set<String> SETUP_IGNORED = Set.of("iso_cone", "n_inner_cells", "inner_cell_size",
            "n_outer_cells", "outer_cell_size", "n_threads", "debug", "use_weights", "tau_types_names",
            "DeepTauVSjet_cut", "recompute_tautype", "include_mismatched", "input_dir", "input_spectrum",
            "target_spectrum", "weight_thr", "dataloader_core", "rm_inner_from_outer", "input_type", "tf_input_dir",
            "tf_dataset_x_order", "adversarial_dataset", "yaxis", "xaxis_list", "xmin", "xmax");
    private static final Set<String> NN_USED = Set.of("n_batches", "n_batches_val", "n_epochs", "TauLossesSFs",
            "optimizer_name", "learning_rate", "schedule_decay", "tau_net", "comp_net", "comp_merge_net",
            "conv_2d_net", "dense_net", "step_decay", "first_layer_reg", "loss", "model_name");
    private static final Set<String> NN_IGNORED = Set.of("n_batches_log", "epoch", "validation_split",
            "max_queue_size", "n_load_workers", "input_grids", "active_features", "cell_locations", "metrics");
    private static final Set<String> TOP = Set.of("Setup", "SetupNN", "CellObjectType", "Scaling_setup",
            "Features_all", "Features_disable", "Features_category");
    private static final Set<String> NET_KEYS = Set.of("activation", "dropout_rate", "reduction_rate",
            "first_layer_width", "last_layer_width", "min_n_layers", "max_n_layers", "window_size", "pooling");

    /**
     * What the yaml sets; null where it is silent.
     *
     * @param nTau            {@code Setup.n_tau}, main rows per step
     * @param advParameter    {@code Setup.adv_parameter} [k1, k2]
     * @param nAdvTau         {@code Setup.n_adv_tau}
     * @param advLearningRate {@code Setup.adv_learning_rate}
     * @param usePreviousOpt  {@code Setup.use_previous_opt}
     * @param nets            {@code SetupNN.tau_net} ... {@code dense_net}, by name
     */
    public record Settings(Integer nTau, double[] advParameter, Integer nAdvTau, Double advLearningRate,
                           Boolean usePreviousOpt, Integer nBatches, Integer nBatchesVal, Integer nEpochs,
                           double[] tauLossesSfs, String optimizerName, Double learningRate, Double scheduleDecay,
                           Integer stepDecay, Map<String, NetSetup> nets) {
    }

    private TrainingYaml() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException naming every unknown key or bad value with the file
     */
    public static Settings read(Path file) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("<trainingYaml>", "cannot read " + file + ": " + e.getMessage(),
                    "point <trainingYaml> at a readable TauMLTools training yaml");
        }
        Problems p = new Problems();
        String where = file.toString();
        if (root == null || !root.isObject()) {
            throw new ConfigException(where, "is not a YAML mapping", "use a training_v1.yaml-style file");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                p.add(where + ": " + k, "unknown top-level key", "remove it; known sections: " + TOP);
            }
        }
        JsonNode setup = root.path("Setup");
        JsonNode nn = root.path("SetupNN");
        checkKeys(p, where, "Setup", setup, SETUP_USED, SETUP_IGNORED);
        checkKeys(p, where, "SetupNN", nn, NN_USED, NN_IGNORED);
        double[] adv = doubles(p, where, "Setup.adv_parameter", setup.get("adv_parameter"), 2);
        double[] sfs = doubles(p, where, "SetupNN.TauLossesSFs", nn.get("TauLossesSFs"), 4);
        if (nn.hasNonNull("first_layer_reg")) {
            p.add(where + ": SetupNN.first_layer_reg", "a first-layer regulariser is not supported",
                    "set it to null, as training_v1.yaml does");
        }
        if (nn.hasNonNull("loss") && !"tau_crossentropy_v2".equals(nn.get("loss").asText())) {
            p.add(where + ": SetupNN.loss", "only tau_crossentropy_v2 is supported, not " + nn.get("loss").asText(),
                    "set loss: \"tau_crossentropy_v2\"");
        }
        Map<String, NetSetup> nets = new java.util.LinkedHashMap<>();
        for (String net : List.of("tau_net", "comp_net", "comp_merge_net", "conv_2d_net", "dense_net")) {
            JsonNode n = nn.get(net);
            if (n == null || n.isNull()) {
                continue;
            }
            NetSetup s = netSetup(p, where, "SetupNN." + net, n, net.equals("conv_2d_net"));
            if (s != null) {
                nets.put(net, s);
            }
        }
        p.throwIfAny();
        return new Settings(integer(setup, "n_tau"), adv, integer(setup, "n_adv_tau"),
                number(setup, "adv_learning_rate"), bool(setup, "use_previous_opt"), integer(nn, "n_batches"),
                integer(nn, "n_batches_val"), integer(nn, "n_epochs"), sfs, text(nn, "optimizer_name"),
                number(nn, "learning_rate"), number(nn, "schedule_decay"), integer(nn, "step_decay"), nets);
    }

    private static void checkKeys(Problems p, String where, String section, JsonNode node, Set<String> used,
                                  Set<String> ignored) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!used.contains(k) && !ignored.contains(k)) {
                p.add(where + ": " + section + "." + k, "unknown key",
                        "remove it or fix its spelling; the training reads " + new java.util.TreeSet<>(used));
            }
        }
    }

    private static NetSetup netSetup(Problems p, String where, String key, JsonNode n, boolean conv) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!NET_KEYS.contains(k)) {
                p.add(where + ": " + key + "." + k, "unknown key", "known: " + NET_KEYS);
                return null;
            }
        }
        if (n.hasNonNull("pooling") && n.get("pooling").asInt() != 0) {
            p.add(where + ": " + key + ".pooling", "pooling is not supported", "remove it or set it to 0");
            return null;
        }
        try {
            Double rate = n.hasNonNull("reduction_rate") ? n.get("reduction_rate").asDouble() : null;
            double drop = n.path("dropout_rate").asDouble(0);
            String activation = n.path("activation").asText("PReLU");
            if (conv) {
                return new NetSetup(activation, drop, rate, null, null, null, null, n.path("window_size").asInt(3));
            }
            return new NetSetup(activation, drop, rate, width(n.get("first_layer_width")),
                    width(n.get("last_layer_width")),
                    n.hasNonNull("min_n_layers") ? n.get("min_n_layers").asInt() : null,
                    n.hasNonNull("max_n_layers") ? n.get("max_n_layers").asInt() : null, 0);
        } catch (IllegalArgumentException e) {
            p.add(where + ": " + key, e.getMessage(), "fix the net setup");
            return null;
        }
    }

    private static String width(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("first_layer_width and last_layer_width are required");
        }
        return n.asText();
    }

    private static double[] doubles(Problems p, String where, String key, JsonNode n, int size) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() != size) {
            p.add(where + ": " + key, "needs a list of " + size + " numbers", "e.g. " + (size == 2 ? "[1, 10]"
                    : "[1, 2.5, 5, 1.5]"));
            return null;
        }
        double[] out = new double[size];
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!n.get(i).isNumber()) {
                bad.add(n.get(i).asText());
            }
            out[i] = n.get(i).asDouble();
        }
        if (!bad.isEmpty()) {
            p.add(where + ": " + key, "has non-numbers " + bad, "use numbers");
        }
        return out;
    }

    private static Integer integer(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asInt() : null;
    }

    private static Double number(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asDouble() : null;
    }

    private static Boolean bool(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asBoolean() : null;
    }

    private static String text(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asText() : null;
    }
}
