package io.github.tauml.pipeline.model;

import java.util.List;

/**
 * The network part of {@code SetupNN} (reference §3.1): the five block families and the class count.
 *
 * @param tauNet       Dense blocks on {@code input_tau} (layers {@code tau_dense_k})
 * @param compNet      1×1 Conv blocks per grid and component ({@code <loc>_<comp>_conv_k})
 * @param compMergeNet 1×1 Conv blocks after {@code <loc>_cell_concat} ({@code <loc>_all_conv_k})
 * @param conv2dNet    "valid" window convolutions down to 1×1 ({@code <loc>_all_3x3_conv_k})
 * @param denseNet     the heads on {@code features_concat} ({@code final_dense_k}, {@code final_adv_dense_k})
 * @param nOutputs     classes (4: e, μ, τ, jet)
 */
public record NetworkSettings(NetSetup tauNet, NetSetup compNet, NetSetup compMergeNet, NetSetup conv2dNet,
                              NetSetup denseNet, int nOutputs) {

    /** Names of the presets {@link #preset(String)} knows. */
    public static final List<String> PRESETS = List.of("v2p5", "small");

    /** The sizes of {@code training_v1.yaml}: tau 104→74→52, comp 2n(1+drop)→n(1+drop), merge →64, 4×Dense(200). */
    public static NetworkSettings v2p5() {
        return new NetworkSettings(
                NetSetup.fixed(0.2, 1.4, "2*n*(1+drop)", "n*(1+drop)", null),
                NetSetup.fixed(0.2, 1.6, "2*n*(1+drop)", "n*(1+drop)", null),
                NetSetup.fixed(0.2, 1.6, "n", "64", null),
                NetSetup.conv2d(0.2, null, 3),
                NetSetup.fixed(0.2, 1.0, "200", "200", 4),
                4);
    }

    /**
     * The same topology (every block family, both grids, the 3×3 convolutions down to 1×1, four head blocks) at
     * widths that train in minutes on two cores: comp n/2→n/4, merge →16, head 4×Dense(64).
     */
    public static NetworkSettings small() {
        return new NetworkSettings(
                NetSetup.fixed(0.2, 1.4, "n*(1+drop)", "n/2", null),
                NetSetup.fixed(0.2, 1.6, "n/2", "n/4", null),
                NetSetup.fixed(0.2, 1.6, "n/2", "16", null),
                NetSetup.conv2d(0.2, null, 3),
                NetSetup.fixed(0.2, 1.0, "64", "64", 4),
                4);
    }

    /**
     * A preset by name.
     *
     * @throws IllegalArgumentException listing the known presets
     */
    public static NetworkSettings preset(String name) {
        return switch (name) {
            case "v2p5" -> v2p5();
            case "small" -> small();
            default -> throw new IllegalArgumentException("unknown network preset '" + name + "'; known: " + PRESETS);
        };
    }
}
