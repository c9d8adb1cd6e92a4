package io.github.tauml.pipeline.model;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The TensorFlow session settings every graph of this package runs with: thread pools as set, and Grappler's
 * rewrites off. Grappler costs seconds on the first run of a training graph, and a rewritten graph (fused
 * MatMul+BiasAdd, for one) rounds differently, so a model would not reproduce its predictions bitwise after export
 * and reload; with the same settings everywhere it does.
 */
public final class SessionConfig {
    private SessionConfig() {
    }

    /**
     * @param intraOp intra-op threads (0 = TensorFlow's choice, the core count)
     * @param interOp inter-op threads (0 = TensorFlow's choice)
     */
    public static ConfigProto of(int intraOp, int interOp) {
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (intraOp > 0) {
            config.setIntraOpParallelismThreads(intraOp);
        }
        if (interOp > 0) {
            config.setInterOpParallelismThreads(interOp);
        }
        config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
                RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
        return config.build();
    }
}
