package io.github.tauml.plugin;

import java.io.File;
import java.util.List;

/**
 * One {@code <model>} of the evaluate goal: its name (the key in {@code metrics.json}) and its prediction tables.
 */
public class EvaluateModel {
    /** {@code default} or {@code adversarial} (any name made of letters, digits, '_', '.', '-'). */
    String name;
    /** The adversarial-mix predictions CSV ({@code Djet,y,weights[,y_pred_adv],dataset_id,...}). */
    File predictions;
    /** The classification-set CSV ({@code p_e,p_mu,p_tau,p_jet,y_class,weight}) for the ROC curves; optional. */
    File classPredictions;
    /** The training run directory (MLflow layout, holding {@code metrics/}) for the loss curves; optional. */
    File runRecord;
    /**
     * The model's exported SavedModel directory: when given, the goal first applies it to the evaluation datasets and
     * writes {@code predictions} and {@code classPredictions} itself (what is evaluated is what is shipped).
     */
    File savedModel;
    /**
     * Predictions CSVs of the model's last checkpoints ({@code <checkpoint>} elements), optional: the agreement
     * metrics are then also reported as {@code <metric>_checkpoint_mean} and {@code _checkpoint_sd}. When left out
     * for a model with a {@code savedModel}, the checkpoints the train goal published beside it
     * ({@code checkpoints/epoch-<k>/saved_model}, its {@code keepCheckpoints}) are predicted and used.
     */
    List<File> checkpoints;
}
