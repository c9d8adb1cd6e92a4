package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.EvaluatedModels;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.QualityGate;
import io.github.tauml.pipeline.config.QualityGates;
import io.github.tauml.pipeline.evaluate.EvaluateException;
import io.github.tauml.pipeline.evaluate.Gates;
import io.github.tauml.pipeline.evaluate.MetricsJson;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The quality gates: judges the declared {@code <gates>} against {@code metrics.json} of the evaluate goal, logs the
 * gates that pass and fails the build with every gate that does not, each with its value and limit. For example:
 * <pre>{@code
 * <gates>
 *   <gate><metric>chi2_ndf_djet</metric><max>1.3</max></gate>                 <!-- adversarial model -->
 *   <gate><metric>chi2_ndf_djet</metric><maxRatio>0.625</maxRatio></gate>     <!-- 1.6x lower than default -->
 *   <gate><metric>auc_tau_vs_jet</metric><maxAbsDifference>0.002</maxAbsDifference></gate>
 *   <gate><metric>adv_auc</metric><max>0.53</max></gate>
 * </gates>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends StageMojo {

    /** The gates: each {@code <gate>} has {@code <metric>}, optionally {@code <model>} and {@code <reference>}, and one limit. */
    @Parameter(required = true)
    private List<GateSpec> gates;

    /** The metrics written by the evaluate goal. */
    @Parameter(property = "adversarial.check.metricsFile",
            defaultValue = "${project.build.directory}/adversarial/evaluate/metrics.json")
    private File metricsFile;

    /** Skips the goal. */
    @Parameter(property = "adversarial.check.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    /**
     * The gates' metrics, limits and models: against {@code metrics.json} when it exists, else against the models the
     * evaluate execution that writes it declares.
     */
    @Override
    protected void check(Problems problems) throws Exception {
        var declared = upstream().fact(metricsFile.toPath(), EvaluatedModels.class);
        List<String> models;
        if (declared.isPresent()) {
            models = declared.get().names();
        } else if (metricsFile.isFile()) {
            try {
                models = new ArrayList<>(MetricsJson.read(metricsFile.toPath()).keySet());
            } catch (EvaluateException e) {
                problems.add("<metricsFile> (adversarial.check.metricsFile)", e.getMessage(), "run the evaluate goal"
                        + " again, or point <metricsFile> at its metrics.json");
                return;
            }
        } else {
            if (upstream().wholePipeline() && !upstream().pending(metricsFile.toPath())) {
                problems.add("<metricsFile> (adversarial.check.metricsFile)", metricsFile + " "
                        + upstream().missing(metricsFile.toPath()), "declare the evaluate goal before check, or point"
                        + " <metricsFile> at its metrics.json");
            }
            models = GateSpec.declarations(gates).stream()
                    .flatMap(g -> java.util.stream.Stream.of(g.model(), g.reference()))
                    .filter(java.util.Objects::nonNull).map(String::trim).distinct().toList();
            models = models.isEmpty() ? List.of("default", "adversarial") : models;
        }
        QualityGates.declare(GateSpec.declarations(gates), models);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Map<String, Map<String, Double>> metrics;
        try {
            metrics = MetricsJson.read(metricsFile.toPath());
        } catch (EvaluateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<QualityGate> declared;
        try {
            declared = QualityGates.declare(GateSpec.declarations(gates), new ArrayList<>(metrics.keySet()));
        } catch (ConfigException e) {
            throw new MojoFailureException("The quality gates are declared in a way that cannot be judged:\n"
                    + e.getMessage(), e);
        }
        List<Gates.Outcome> outcomes = Gates.judge(declared, metrics);
        List<String> failed = new ArrayList<>();
        for (Gates.Outcome o : outcomes) {
            if (o.passed()) {
                getLog().info("Quality gate " + o.message());
            } else {
                failed.add(o.gate().element() + " " + o.message());
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException(failed.size() + " of " + outcomes.size() + " quality gate"
                    + (outcomes.size() == 1 ? "" : "s") + " failed (metrics: " + metricsFile + "):\n"
                    + String.join("\n", failed));
        }
        getLog().info("All " + outcomes.size() + " quality gates passed");
    }
}
