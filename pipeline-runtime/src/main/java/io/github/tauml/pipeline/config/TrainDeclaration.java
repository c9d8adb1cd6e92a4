package io.github.tauml.pipeline.config;

import java.nio.file.Path;

/**
 * The {@code train} goal as declared in a pom (or any other front end), before validation: {@link TrainConfig} turns
 * it into a stage request, taking what the pom leaves out ({@code null}) from the training yaml, then from the
 * reference's defaults (§3.5), and naming the pom element of every problem.
 *
 * @param baseDirectory         the project directory: default work and model directories lie under its
 *                              {@code target/adversarial}
 * @param mode                  {@code default} or {@code adversarial}
 * @param preset                network sizes, {@code small} or {@code v2p5}
 * @param trainingYaml          a TauMLTools {@code training_v1.yaml}, or null
 * @param classificationDataset the classification dataset directory
 * @param adversarialDataset    the control-region dataset directory (adversarial mode)
 * @param startingModel         the default model directory to fine-tune (adversarial mode)
 * @param modelDirectory        where the model is published, or null for {@code target/adversarial/model/<mode>}
 * @param workDirectory         checkpoints, or null for {@code target/adversarial/train/<mode>}
 * @param mlruns                the MLflow file store, or null for none
 * @param experiment            the MLflow experiment
 * @param epochs                {@code n_epochs}, or null (yaml, else 1)
 * @param batchesPerEpoch       {@code n_batches}, or null (yaml, else 1000)
 * @param validationBatches     {@code n_batches_val}, or null (yaml, else 100)
 * @param nTau                  main rows per step, or null (yaml, else 250)
 * @param learningRate          or null (yaml, else 0.001)
 * @param optimizer             {@code Nadam} or {@code Adam}, or null (yaml, else Nadam)
 * @param scheduleDecay         Nadam's {@code schedule_decay}, or null (yaml, else 1e-4)
 * @param stepDecay             halve the learning rate every this many epochs, or null (yaml, else 0 = off)
 * @param patience              early-stopping patience in epochs (0 = off)
 * @param k1                    {@code adv_parameter[0]}, or null (yaml, else 1)
 * @param k2                    {@code adv_parameter[1]}, or null (yaml, else 10)
 * @param advLearningRate       or null (yaml, else 0.01)
 * @param usePreviousOpt        or null (yaml, else false)
 * @param dannRamp              ramp k2 over the run
 * @param seed                  initialisation, dropout and shuffling
 * @param checkpointEvery       steps between checkpoints (0: epoch ends only)
 * @param keepCheckpoints       epoch ends kept and published
 * @param intraOpThreads        TensorFlow intra-op threads (0: TensorFlow's choice)
 * @param interOpThreads        TensorFlow inter-op threads (0: TensorFlow's choice)
 * @param progressSeconds       seconds between progress lines
 */
public record TrainDeclaration(Path baseDirectory, String mode, String preset, Path trainingYaml,
                               Path classificationDataset, Path adversarialDataset, Path startingModel,
                               Path modelDirectory, Path workDirectory, Path mlruns, String experiment, Integer epochs,
                               Integer batchesPerEpoch, Integer validationBatches, Integer nTau, Double learningRate,
                               String optimizer, Double scheduleDecay, Integer stepDecay, int patience, Double k1,
                               Double k2, Double advLearningRate, Boolean usePreviousOpt, boolean dannRamp, long seed,
                               int checkpointEvery, int keepCheckpoints, int intraOpThreads, int interOpThreads,
                               int progressSeconds) {
}
