package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.tfdata.AdversarialRequest;

/**
 * The batches an earlier execution of the pipeline will write into one mix output (reference §2.6), declared before
 * it runs so that the adversarial dataset reading it can be checked up front: a dataset cut in batches of another
 * size than the mix's would mix the blocks of neighbouring batches, and one that asks for more batches than there are
 * would fail only after the mix had run.
 *
 * @param writer    the execution that writes them, e.g. {@code mix (mix)}
 * @param batchSize entries per batch (the sum of the contributions' {@code <perBatch>})
 * @param batches   batches in the file
 */
public record MixBatches(String writer, int batchSize, int batches) {
    /**
     * What is wrong with reading {@code request} from this mix output: another batch size, or more batches than the
     * file has (fewer is allowed: a dataset may use the first batches only).
     *
     * @param element the pom element of the dataset, for messages
     */
    public void check(AdversarialRequest request, String element, Problems problems) {
        if (request.batchSize() != batchSize) {
            problems.add(element + "<batchSize>", "is " + request.batchSize() + ", but the mix " + writer
                    + " writes batches of " + batchSize + " (the sum of its contributions' <perBatch>)",
                    "set <batchSize>" + batchSize + "</batchSize>, or change the contributions' <perBatch> to sum to "
                    + request.batchSize());
        }
        int asked = request.trainBatches() + request.validationBatches();
        if (asked > batches) {
            problems.add(element + "<trainBatches>/<validationBatches>", "ask for " + asked + " batches ("
                    + request.trainBatches() + " + " + request.validationBatches() + "), but the mix " + writer
                    + " writes " + batches + " into " + request.inputs().get(0).getFileName(),
                    "ask for at most " + batches + ", or raise the mix's batch count");
        }
    }
}
