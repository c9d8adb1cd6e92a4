package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.QualityGates;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <gate>}: a metric of {@code metrics.json}, the model it judges (default {@code adversarial}), the
 * reference model of relative limits (default {@code default}), and exactly one limit: {@code <max>}, {@code <min>},
 * {@code <maxDrop>} (reference − model), {@code <maxAbsDifference>} or {@code <maxRatio>} (model / reference).
 */
public class GateSpec {
    String metric;
    String model;
    String reference;
    Double max;
    Double min;
    Double maxDrop;
    Double maxAbsDifference;
    Double maxRatio;

    QualityGates.Declaration declaration() {
        return new QualityGates.Declaration(metric, model, reference, max, min, maxDrop, maxAbsDifference, maxRatio);
    }

    static List<QualityGates.Declaration> declarations(List<GateSpec> gates) {
        List<QualityGates.Declaration> d = new ArrayList<>();
        if (gates != null) {
            for (GateSpec g : gates) {
                d.add(g.declaration());
            }
        }
        return d;
    }
}
