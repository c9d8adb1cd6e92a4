package io.github.tauml.pipeline.model;

import java.util.Arrays;

/**
 * One network input as the dataset spec names it: {@code input_tau} with shape {@code [n]}, or a cell grid
 * {@code input_<inner|outer>_<egamma|muon|hadrons>} with shape {@code [width, width, channels]} (float32, without the
 * batch axis).
 */
public record InputSpec(String name, int[] shape) {
    public InputSpec {
        shape = shape.clone();
        if (!(name.equals("input_tau") && shape.length == 1) && !(name.startsWith("input_") && shape.length == 3)) {
            throw new IllegalArgumentException("network input '" + name + "' with shape " + Arrays.toString(shape)
                    + ": expected input_tau [n] or input_<location>_<component> [width, width, channels]");
        }
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("network input '" + name + "' has a non-positive dimension "
                        + Arrays.toString(shape));
            }
        }
    }

    /** Number of floats per row. */
    public int rowSize() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** {@code inner} or {@code outer} for a grid; null for {@code input_tau}. */
    public String location() {
        if (shape.length != 3) {
            return null;
        }
        String rest = name.substring("input_".length());
        int u = rest.indexOf('_');
        return u < 0 ? rest : rest.substring(0, u);
    }

    /** {@code egamma}, {@code muon} or {@code hadrons} for a grid; null for {@code input_tau}. */
    public String component() {
        if (shape.length != 3) {
            return null;
        }
        String rest = name.substring("input_".length());
        int u = rest.indexOf('_');
        return u < 0 ? rest : rest.substring(u + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.name.equals(name) && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
