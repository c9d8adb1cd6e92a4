/**
 * The evaluation stage (reference workflow §5, §6; TauMLTools' {@code apply_adversarial_training.py} and
 * {@code evaluate_adversarial.ipynb} as a build step).
 *
 * <p>Inputs, per model ({@code default}, {@code adversarial}):
 * <ul>
 *   <li>the adversarial-mix predictions, {@link io.github.tauml.pipeline.evaluate.AdversarialPredictions}
 *   ({@code Djet,y,weights[,y_pred_adv],dataset_id,tau_pt,tau_eta,tau_decayMode[,toy_truth_tauType]});</li>
 *   <li>optionally the classification-set predictions, {@link io.github.tauml.pipeline.evaluate.ClassPredictions}
 *   ({@code p_e,p_mu,p_tau,p_jet,y_class,weight}), for the ROC curves;</li>
 *   <li>optionally the training run record (MLflow layout, {@code metrics/<name>}), for the loss curves.</li>
 * </ul>
 * Both tables are produced from a {@link io.github.tauml.pipeline.evaluate.Predictor} (the exported SavedModel) with
 * {@link io.github.tauml.pipeline.evaluate.Predictions}' collectors.
 *
 * <p>{@link io.github.tauml.pipeline.evaluate.Evaluation#run} writes {@code metrics.json}
 * ({@link io.github.tauml.pipeline.evaluate.Metrics} for the keys), {@code plots/*.png|pdf}
 * ({@link io.github.tauml.pipeline.evaluate.Plots}) and a self-contained {@code report.html}
 * ({@link io.github.tauml.pipeline.evaluate.HtmlReport}); {@link io.github.tauml.pipeline.evaluate.Gates} judges the
 * pom's quality gates ({@link io.github.tauml.pipeline.config.QualityGates}) against {@code metrics.json}.
 */
package io.github.tauml.pipeline.evaluate;
