package io.github.tauml.plugin;

import io.github.tauml.pipeline.artifact.ModelArtifact;
import io.github.tauml.pipeline.artifact.ModelArtifactRequest;
import io.github.tauml.pipeline.config.ConfigException;
import java.io.File;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages a trained model as the project's artifact with classifier {@code model} (type {@code zip}), so that
 * {@code mvn install} puts it into the local repository and {@code mvn deploy} into a remote one, and another project
 * can depend on it:
 * <pre>{@code
 * <dependency><groupId>..</groupId><artifactId>..</artifactId><version>..</version>
 *   <type>zip</type><classifier>model</classifier></dependency>
 * }</pre>
 * The zip holds {@code model-manifest.json} (model name, plugin and project, inputs with their features, outputs,
 * network settings, the model's metrics, every file's SHA-256), the model directory as the {@code train} goal exported
 * it ({@code saved_model/}, {@code frozen_graph.pb}, {@code weights.ckpt}, {@code scaling.json},
 * {@code settings.json}) and, when the evaluation ran before, {@code evaluation/metrics.json} and
 * {@code evaluation/report.html}. It is deterministic (sorted entries, every entry dated
 * {@code project.build.outputTimestamp}) and written atomically.
 *
 * <p>Default phase {@code package}; bind it to {@code verify} (after {@code evaluate}, phase integration-test) to ship
 * the metrics and the report with the model. An evaluation older than the model is refused rather than shipped.
 */
@Mojo(name = "package-model", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageModelMojo extends StageMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    private PluginDescriptor plugin;

    @Component
    private MavenProjectHelper projectHelper;

    /** The model directory the {@code train} goal exported. */
    @Parameter(property = "adversarial.package-model.modelDirectory",
            defaultValue = "${project.build.directory}/adversarial/model/adversarial")
    private File modelDirectory;

    /**
     * The model's name in the manifest and its key in {@code metrics.json}; default: the training mode recorded in
     * the model's {@code settings.json} ({@code default} or {@code adversarial}).
     */
    @Parameter(property = "adversarial.package-model.name")
    private String name;

    /** The {@code evaluate} goal's output directory; its metrics.json and report.html are packaged when present. */
    @Parameter(property = "adversarial.package-model.evaluationDirectory",
            defaultValue = "${project.build.directory}/adversarial/evaluate")
    private File evaluationDirectory;

    /** The training dataset's spec.json: the features of each input go into the manifest when it exists. */
    @Parameter(property = "adversarial.package-model.datasetSpec",
            defaultValue = "${project.build.directory}/adversarial/dataset/classification/spec.json")
    private File datasetSpec;

    /** The zip to write. */
    @Parameter(property = "adversarial.package-model.outputFile",
            defaultValue = "${project.build.directory}/${project.build.finalName}-model.zip")
    private File outputFile;

    /** The classifier the zip is attached with. */
    @Parameter(property = "adversarial.package-model.classifier", defaultValue = "model")
    private String classifier;

    /** Whether to attach the zip to the project (so that install and deploy publish it). */
    @Parameter(property = "adversarial.package-model.attach", defaultValue = "true")
    private boolean attach;

    /**
     * The time of every zip entry, as Maven's reproducible builds take it: ISO-8601 ({@code 2026-01-01T00:00:00Z}) or
     * seconds since the epoch; unset: 1980-01-01T00:00:00Z.
     */
    @Parameter(property = "adversarial.package-model.outputTimestamp",
            defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips the goal (nothing is packaged or attached). */
    @Parameter(property = "adversarial.package-model.skip", defaultValue = "false")
    private boolean skip;

    private boolean attached;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        ModelArtifact.Result r = ModelArtifact.write(request(), getLog()::info);
        if (r.manifest().metrics() != null) {
            getLog().info("Model '" + r.manifest().model() + "' metrics in the manifest: " + r.manifest().metrics());
        }
        attach();
    }

    /**
     * The model directory, the evaluation's files and the dataset spec in, the zip out. The zip is attached here too:
     * an up-to-date stage does not run, but its artifact must still be installed.
     */
    @Override
    protected StageFiles files() {
        attach();
        List<Path> inputs = new ArrayList<>();
        inputs.add(modelDirectory.toPath());
        if (evaluationDirectory != null) {
            inputs.add(evaluationDirectory.toPath().resolve("metrics.json"));
            inputs.add(evaluationDirectory.toPath().resolve("report.html"));
        }
        if (datasetSpec != null) {
            inputs.add(datasetSpec.toPath());
        }
        return new StageFiles(ModelArtifact.FORMAT_VERSION, inputs, List.of(outputFile.toPath()));
    }

    private void attach() {
        if (!attach || attached || project == null || projectHelper == null) {
            return;
        }
        projectHelper.attachArtifact(project, "zip", classifier, outputFile);
        attached = true;
        getLog().info("Attached " + outputFile.getName() + " as " + project.getGroupId() + ":"
                + project.getArtifactId() + ":zip:" + classifier + ":" + project.getVersion());
    }

    ModelArtifactRequest request() throws ConfigException {
        Map<String, String> producer = new LinkedHashMap<>();
        if (plugin != null) {
            producer.put("plugin", plugin.getId());
        }
        if (project != null) {
            producer.put("project", project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
        }
        File base = project == null ? null : project.getBasedir();
        return new ModelArtifactRequest(modelDirectory.toPath(), name, evaluationDirectory == null ? null
                : evaluationDirectory.toPath(), datasetSpec == null ? null : datasetSpec.toPath(),
                base == null ? null : base.toPath(), producer, timestamp(outputTimestamp), outputFile.toPath());
    }

    /** Maven's rule for {@code project.build.outputTimestamp}: ISO-8601 or epoch seconds; unset or one character: none. */
    static Instant timestamp(String text) throws ConfigException {
        if (text == null || text.trim().length() < 2) {
            return ModelArtifact.DEFAULT_TIMESTAMP;
        }
        String t = text.trim();
        Instant instant;
        try {
            instant = t.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(t))
                    : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new ConfigException("<outputTimestamp> (project.build.outputTimestamp)", "'" + t + "' is not a"
                    + " time", "write an ISO-8601 time such as 2026-01-01T00:00:00Z, or seconds since 1970");
        }
        if (instant.isBefore(ModelArtifact.DEFAULT_TIMESTAMP) || instant.isAfter(Instant.parse(
                "2107-12-31T23:59:58Z"))) {
            throw new ConfigException("<outputTimestamp> (project.build.outputTimestamp)", t + " lies outside the"
                    + " zip format's dates (1980 to 2107)", "use a time between 1980-01-01 and 2107-12-31");
        }
        return instant;
    }
}
