package io.github.tauml.pipeline.model;

import java.nio.file.Path;

/**
 * The {@code train} goal as a plain request: train (default or adversarial) on dataset directories, export the model
 * and record the run.
 *
 * @param training              the training settings; its inputs must match the datasets' spec
 * @param nTau                  main rows per step ({@code Setup.n_tau})
 * @param classificationDataset the classification dataset directory
 * @param adversarialDataset    the control-region dataset directory (adversarial mode), or null
 * @param modelDirectory        where the exported model is published
 * @param mlruns                the MLflow file store, or null not to record
 * @param experiment            MLflow experiment name
 * @param runName               MLflow run name
 * @param analysisDirectory     the analysis project directory (git commit of the run record)
 */
public record TrainStageRequest(TrainRequest training, int nTau, Path classificationDataset, Path adversarialDataset,
                                Path modelDirectory, Path mlruns, String experiment, String runName,
                                Path analysisDirectory) {
}
