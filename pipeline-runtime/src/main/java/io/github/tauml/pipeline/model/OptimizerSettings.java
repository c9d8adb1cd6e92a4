package io.github.tauml.pipeline.model;

/**
 * An optimizer as {@code SetupNN.optimizer_name}/{@code learning_rate}/{@code schedule_decay} declare it
 * (reference §3.5): {@code Nadam} (Keras' TF2 Nadam: β1 0.9, β2 0.999, ε 1e-7, momentum schedule
 * μ_t = β1(1 − 0.5·0.96^(decay·t)), learning rate not time-decayed) or {@code Adam} (Keras Adam, ε 1e-7).
 *
 * @param name          {@code Nadam} or {@code Adam}
 * @param learningRate  the learning rate
 * @param scheduleDecay Nadam's {@code schedule_decay} (Keras default 0.004); ignored by Adam
 */
public record OptimizerSettings(String name, double learningRate, double scheduleDecay) {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-7;

    public OptimizerSettings {
        if (!"Nadam".equals(name) && !"Adam".equals(name)) {
            throw new IllegalArgumentException("optimizer '" + name + "' is not supported; use Nadam or Adam");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate " + learningRate + " must be positive");
        }
    }

    /** The main optimizer of {@code training_v1.yaml}: Nadam, lr 0.001, schedule_decay 1e-4. */
    public static OptimizerSettings referenceMain() {
        return new OptimizerSettings("Nadam", 0.001, 1e-4);
    }

    /** The adversary's optimizer: Nadam at {@code adv_learning_rate} with Keras' default schedule_decay 0.004. */
    public static OptimizerSettings adversary(double learningRate) {
        return new OptimizerSettings("Nadam", learningRate, 0.004);
    }
}
