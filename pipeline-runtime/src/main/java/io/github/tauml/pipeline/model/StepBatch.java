package io.github.tauml.pipeline.model;

/**
 * The rows of one training step as the network takes them (reference §3.3): in adversarial mode {@code n_tau} main
 * rows then {@code n_adv_tau} control-region rows, concatenated along the batch axis; y is zero and w is zero on the
 * control-region rows, y_adv and w_adv are zero on the main rows.
 *
 * @param nMain the divisor of L_class (main rows)
 * @param nAdv  the divisor of L_adv ({@code n_adv_tau}); 1 in default mode
 */
public record StepBatch(int rows, float[][] x, float[] y, float[] weight, float[] yAdv, float[] weightAdv,
                        float nMain, float nAdv) {

    /** A classification batch on its own (default training). */
    public static StepBatch classification(Batch main) {
        if (main.y() == null) {
            throw new IllegalArgumentException("the main batch is not a classification batch (it has no y)");
        }
        return new StepBatch(main.rows(), main.x(), main.y(), main.weight(), new float[main.rows()],
                new float[main.rows()], main.rows(), 1f);
    }

    /** Main rows first, control-region rows last, as {@code DataLoader.get_generator(adversarial=True)}. */
    public static StepBatch mixed(Batch main, Batch adv, java.util.List<InputSpec> inputs) {
        if (main.y() == null) {
            throw new IllegalArgumentException("the main batch is not a classification batch (it has no y)");
        }
        if (adv.label() == null) {
            throw new IllegalArgumentException("the adversarial batch has no label (1 = data, 0 = simulation)");
        }
        int n = main.rows() + adv.rows();
        float[][] x = new float[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            int size = inputs.get(i).rowSize();
            x[i] = new float[n * size];
            System.arraycopy(main.x()[i], 0, x[i], 0, main.rows() * size);
            System.arraycopy(adv.x()[i], 0, x[i], main.rows() * size, adv.rows() * size);
        }
        float[] y = new float[n * 4];
        System.arraycopy(main.y(), 0, y, 0, main.rows() * 4);
        float[] w = new float[n];
        System.arraycopy(main.weight(), 0, w, 0, main.rows());
        float[] yAdv = new float[n];
        System.arraycopy(adv.label(), 0, yAdv, main.rows(), adv.rows());
        float[] wAdv = new float[n];
        System.arraycopy(adv.weight(), 0, wAdv, main.rows(), adv.rows());
        return new StepBatch(n, x, y, w, yAdv, wAdv, main.rows(), adv.rows());
    }
}
