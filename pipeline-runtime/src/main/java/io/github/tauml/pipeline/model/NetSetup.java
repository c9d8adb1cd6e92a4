package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One block family of {@code SetupNN} ({@code tau_net}, {@code comp_net}, {@code comp_merge_net},
 * {@code conv_2d_net}, {@code dense_net}), as {@code Training_CNN.py::NetSetup*} reads it (reference §3.1). Every
 * block is Dense or Conv2D → BatchNormalization → PReLU → Dropout({@code dropoutRate}); only PReLU is supported, as
 * in the reference configuration.
 *
 * @param activation      must be {@code PReLU}
 * @param dropoutRate     dropout rate of every block, in [0, 1)
 * @param reductionRate   divisor between successive widths; null for {@code conv_2d_net} keeps the filter count
 * @param firstLayerWidth an integer or a formula over {@code n} and {@code drop} (see {@link WidthFormula}); null
 *                        for {@code conv_2d_net}
 * @param lastLayerWidth  as {@code firstLayerWidth}
 * @param minNLayers      at least this many layers, or null
 * @param maxNLayers      the layer at this count jumps to the last width, or null
 * @param windowSize      convolution window of {@code conv_2d_net} (3 in the reference), 0 otherwise
 */
public record NetSetup(String activation, double dropoutRate, Double reductionRate, String firstLayerWidth,
                       String lastLayerWidth, Integer minNLayers, Integer maxNLayers, int windowSize) {

    public NetSetup {
        if (!"PReLU".equals(activation)) {
            throw new IllegalArgumentException("activation '" + activation + "' is not supported; use PReLU");
        }
        if (!(dropoutRate >= 0 && dropoutRate < 1)) {
            throw new IllegalArgumentException("dropout_rate " + dropoutRate + " is outside [0, 1)");
        }
    }

    /** A Dense or 1×1-Conv family: widths from formulas. */
    public static NetSetup fixed(double dropout, Double reductionRate, String first, String last, Integer minLayers) {
        return new NetSetup("PReLU", dropout, reductionRate, first, last, minLayers, null, 0);
    }

    /** The {@code conv_2d_net} family: windows of {@code windowSize}, filters kept when {@code reductionRate} is null. */
    public static NetSetup conv2d(double dropout, Double reductionRate, int windowSize) {
        return new NetSetup("PReLU", dropout, reductionRate, null, null, null, null, windowSize);
    }

    /**
     * The widths of the successive layers for {@code nInput} input features, exactly as
     * {@code get_layer_size_sequence}: start at the first width, divide by the reduction rate (truncating) down to
     * the last width, and build at least {@code min_n_layers} layers.
     */
    public List<Integer> layerSizes(int nInput) {
        int first = WidthFormula.evaluate(firstLayerWidth, nInput, dropoutRate);
        int last = WidthFormula.evaluate(lastLayerWidth, nInput, dropoutRate);
        double rate = reductionRate == null ? 1.0 : reductionRate;
        List<Integer> sizes = new ArrayList<>();
        int current = first;
        int n = 1;
        while (true) {
            sizes.add(current);
            n += 1;
            if (current > last) {
                if (maxNLayers != null && n == maxNLayers) {
                    current = last;
                } else {
                    current = Math.max(last, (int) (current / rate));
                }
            } else if (minNLayers == null || n > minNLayers) {
                break;
            }
            if (sizes.size() > 1000) {
                throw new IllegalArgumentException("layer widths " + firstLayerWidth + " → " + lastLayerWidth
                        + " with reduction_rate " + reductionRate + " do not converge");
            }
        }
        return sizes;
    }

    /** Filters of the next Conv2D layer, as {@code get_n_filters_conv2d}. */
    public int conv2dFilters(int nInput, int currentSize, int window) {
        if (reductionRate == null) {
            return nInput;
        }
        double f = Math.pow((double) currentSize / (currentSize - window + 1), 2) * nInput / reductionRate;
        return (int) Math.ceil(f);
    }
}
