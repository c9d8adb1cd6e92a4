/**
 * The model artifact (architecture: the {@code package} step): a trained model directory, its evaluation and a
 * manifest in one deterministic zip that Maven installs and deploys with classifier {@code model}.
 */
package io.github.tauml.pipeline.artifact;
