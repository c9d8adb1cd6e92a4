package io.github.tauml.plugin;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.evaluate.PipelineSummary;
import io.github.tauml.pipeline.exec.BuildLock;
import io.github.tauml.pipeline.exec.Fingerprint;
import io.github.tauml.pipeline.exec.LockFile;
import io.github.tauml.pipeline.exec.Upstream;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal does around its one call into the runtime: refuse boolean values that Maven would silently read
 * as false, honour {@code skip}, skip a stage whose parameters, inputs and outputs are unchanged since its last
 * successful run (saying why when it does run), and map failures to Maven's two kinds ({@link Failures}).
 */
abstract class StageMojo extends AbstractMojo {
    /** Parameters that cannot change a stage's result, so never make it run again. */
    private static final Set<String> NOT_FINGERPRINTED = Set.of("skip", "force", "threads", "lock", "lockFile");
    private static final ObjectMapper PARAMETERS = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper DERIVED = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Where fingerprints of the stages' last successful runs are kept. */
    @Parameter(defaultValue = "${project.build.directory}/adversarial/.fingerprints", readonly = true)
    private File fingerprints;

    /** Runs every stage even when it is up to date. */
    @Parameter(property = "adversarial.force", defaultValue = "false")
    private boolean force;

    /**
     * What the build does with the lock file: {@code update} records each stage's parameters and input and output
     * hashes; {@code verify} fails when a stage's outputs differ from the recorded ones (for CI); {@code off}.
     */
    @Parameter(property = "adversarial.lock", defaultValue = "update")
    private String lock;

    /** The lock file, committed beside the pom. */
    @Parameter(property = "adversarial.lockFile", defaultValue = "${project.basedir}/adversarial.lock.json")
    private File lockFile;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File projectDirectory;

    /** What earlier executions write; set by the validate and status goals, none when the goal runs as a stage. */
    private Upstream upstream = Upstream.none();

    /** A stage's files, for the up-to-date check; its parameters are taken from the goal's own. */
    record StageFiles(int formatVersion, List<Path> inputs, List<Path> outputs) {
    }

    /** Whether the user asked to skip the goal. */
    protected abstract boolean skip();

    /** The goal's work: build the request and make the one call. */
    protected abstract void run() throws Exception;

    /** The stage's inputs and outputs, or null for a goal that always runs (it writes nothing, say). */
    protected StageFiles files() throws Exception {
        return null;
    }

    /**
     * Checks the declaration without running anything or writing any file (the {@code validate} goal): adds every
     * problem to {@code problems}, each naming its pom element and the fix. Inputs that earlier executions write are
     * accepted before they exist ({@link #upstream()}). The default checks nothing beyond what
     * {@link #files()} needs; goals override it with what their runtime validates before it writes.
     *
     * @throws ConfigException the problems found, as an alternative to adding them
     */
    protected void check(Problems problems) throws Exception {
    }

    /**
     * What earlier executions of the pipeline write, for {@link #check} and {@link #files()}: {@link Upstream#none()}
     * when the goal runs as a stage, the pipeline so far when the {@code validate} goal checks it.
     */
    protected final Upstream upstream() {
        return upstream;
    }

    /** Parameters of this execution that cannot change its result beyond the always-excluded ones (skip, threads). */
    protected Set<String> notFingerprinted() {
        return Set.of();
    }

    /**
     * Values derived from the parameters that decide the result, fingerprinted beside them (e.g. the settings a
     * training yaml gives, instead of the yaml's bytes); keys must not be parameter names.
     */
    protected Map<String, Object> derivedParameters() throws Exception {
        return Map.of();
    }

    /**
     * The outputs as declared, for the {@code validate} goal when {@link #files()} cannot tell them (the declaration
     * has problems of its own), so that later executions reading them are still checked; null when unknown.
     */
    protected List<Path> declaredOutputs() {
        return null;
    }

    /** Facts about this execution's outputs that later executions are checked against (see {@link Upstream#fact}). */
    protected void declareFacts(Upstream pipeline) throws Exception {
    }

    /** Sets what earlier executions write: called by the validate and status goals before {@link #check}. */
    final void checkingWith(Upstream pipeline) {
        this.upstream = pipeline;
    }

    /** The goal, e.g. {@code skim}. */
    final String goal() {
        return mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
    }

    /** The execution as the log names it, e.g. {@code skim (skim-training)}. */
    final String stage() {
        return mojoExecution == null ? goal() : goal() + " (" + mojoExecution.getExecutionId() + ")";
    }

    final boolean skipped() {
        return skip();
    }

    /** Boolean values Maven would misread and -D options the pom overrides for a list, as problems; nothing else. */
    final void checkParameters(Problems problems) {
        if (mojoExecution == null) {
            return;
        }
        for (String bad : StrictBooleans.check(mojoExecution, session, getClass())) {
            problems.add(elementOf(bad), messageOf(bad), "write true or false (Maven would read any other value as"
                    + " false).");
        }
        for (String bad : PropertyPrecedence.check(mojoExecution, session).errors()) {
            problems.add(elementOf(bad), messageOf(bad), "give the list in one place: remove it from the pom, or drop"
                    + " the -D option.");
        }
    }

    private static String elementOf(String line) {
        int colon = line.indexOf(": ");
        return colon > 0 ? line.substring(0, colon) : "<configuration>";
    }

    private static String messageOf(String line) {
        int colon = line.indexOf(": ");
        return colon > 0 ? line.substring(colon + 2) : line;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = goal();
        if (mojoExecution != null) {
            List<String> bad = StrictBooleans.check(mojoExecution, session, getClass());
            if (!bad.isEmpty()) {
                throw new MojoFailureException(goal + ": " + String.join("\n", bad) + "\nFix: write true or false"
                        + " (Maven would read any other value as false).");
            }
            PropertyPrecedence.Findings precedence = PropertyPrecedence.check(mojoExecution, session);
            if (!precedence.errors().isEmpty()) {
                throw new MojoFailureException(goal + ": " + String.join("\n", precedence.errors()) + "\nFix: give"
                        + " the list in one place: remove it from the pom, or drop the -D option.");
            }
            precedence.warnings().forEach(getLog()::warn);
        }
        if (skip()) {
            getLog().info("Skipping " + goal + " (skip=true)");
            return;
        }
        Path record = fingerprintFile();
        Failures.run(goal, () -> {
            if (record == null) {
                run();
                return;
            }
            LockFile.Mode mode;
            try {
                mode = LockFile.Mode.parse(lock);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<lock> (-Dadversarial.lock): " + e.getMessage(), e);
            }
            try (BuildLock held = BuildLock.acquire(record.getParent().getParent().resolve(".lock"), stage())) {
                Fingerprint done = runUnlessUpToDate(record);
                if (done != null && lockFile != null && projectDirectory != null) {
                    List<String> differences = LockFile.apply(mode, lockFile.toPath(), projectDirectory.toPath(),
                            done, tools());
                    if (!differences.isEmpty()) {
                        throw new MojoFailureException(goal + ": the result differs from the lock file "
                                + lockFile + ":\n" + String.join("\n", differences) + "\nFix: find what changed"
                                + " (inputs, settings, tool versions); if the change is intended, run once with"
                                + " -Dadversarial.lock=update and commit " + lockFile.getName() + ".");
                    }
                }
            } catch (BuildLock.HeldException e) {
                throw new MojoFailureException(goal + ": " + e.getMessage(), e);
            }
        });
    }

    /** Tool versions recorded in the lock file with each stage. */
    protected Map<String, String> tools() {
        return Map.of("java", System.getProperty("java.version"));
    }

    /** Where this execution's fingerprint is kept, or null when it has none (no execution, no directory). */
    final Path fingerprintFile() {
        return fingerprints == null || mojoExecution == null ? null
                : fingerprints.toPath().resolve(goal() + "-" + mojoExecution.getExecutionId() + ".json");
    }

    /**
     * Whether the stage would run, and why: the one decision that {@code execute} acts on and the {@code status} goal
     * reports.
     *
     * @param files   the stage's files ({@link #files()}), not null
     * @param now     its fingerprint now
     * @param reasons why it runs: each changed parameter, input or output, or "no earlier run"; empty when up to date
     * @param forced  {@code -Dadversarial.force} or {@code -Dadversarial.<goal>.force}
     */
    record Decision(StageFiles files, Fingerprint last, Fingerprint now, List<String> reasons, boolean forced) {
        boolean runs() {
            return forced || !reasons.isEmpty();
        }
    }

    /** The decision for this execution now, reading (never writing) its last fingerprint; null without files. */
    final Decision decide() throws Exception {
        Path record = fingerprintFile();
        StageFiles files = files();
        if (record == null || files == null) {
            return null;
        }
        Fingerprint last = Fingerprint.load(record);
        Fingerprint now = fingerprint(files, last);
        boolean forced = force || Boolean.parseBoolean(session == null ? null
                : session.getUserProperties().getProperty("adversarial." + goal() + ".force"));
        return new Decision(files, last, now, now.changesSince(last), forced);
    }

    /** @return the stage's fingerprint after it ran or was found up to date; null for a goal without files */
    private Fingerprint runUnlessUpToDate(Path record) throws Exception {
        Decision d = decide();
        if (d == null) {
            run();
            return null;
        }
        if (!d.runs()) {
            getLog().info(stage() + ": up to date, nothing to do");
            if (!d.now().equals(d.last())) {
                d.now().save(record); // same contents, new times (a copied project): hash them once, not every build
            }
            return d.now();
        }
        getLog().info(stage() + " runs: " + (d.reasons().isEmpty() ? "forced" : String.join("; ", d.reasons())));
        long started = System.nanoTime();
        run();
        summarize(record.getParent().getParent().resolve(PIPELINE_SUMMARY), d.files(),
                (System.nanoTime() - started) / 1e9);
        // Written last, after the outputs are published: a stage killed part-way is never taken as done.
        Fingerprint done = Fingerprint.of(d.now().stage(), d.now().pluginVersion(), d.files().formatVersion(),
                d.now().parameters(), d.files().inputs(), d.files().outputs(), d.now(), root());
        done.save(record);
        return done;
    }

    /** The evaluation report's pipeline section, beside the fingerprints; each stage that runs puts its line in. */
    static final String PIPELINE_SUMMARY = "pipeline-summary.json";

    /**
     * Puts this stage's line (inputs, output files and bytes, wall time) into the pipeline summary, in place of its
     * line from an earlier run; a stage that is up to date keeps its line. A summary that cannot be read is started
     * afresh: it only feeds the report.
     */
    private void summarize(Path file, StageFiles files, double seconds) {
        try {
            List<PipelineSummary.Stage> stages = new java.util.ArrayList<>();
            if (java.nio.file.Files.isRegularFile(file)) {
                try {
                    stages.addAll(PipelineSummary.read(file).stages());
                } catch (io.github.tauml.pipeline.evaluate.EvaluateException e) {
                    getLog().warn(e.getMessage());
                }
            }
            Path base = root();
            List<String> inputs = files.inputs().stream()
                    .map(p -> base != null && p.isAbsolute() && p.startsWith(base) ? base.relativize(p).toString()
                            : p.toString()).toList();
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            long outputFiles = 0;
            long outputBytes = 0;
            for (Path out : files.outputs()) {
                try (var walk = java.nio.file.Files.walk(out)) {
                    for (Path f : (Iterable<Path>) walk.filter(java.nio.file.Files::isRegularFile)::iterator) {
                        outputFiles++;
                        outputBytes += java.nio.file.Files.size(f);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // an output the stage did not write this time (an optional one)
                }
            }
            counts.put("output files", outputFiles);
            counts.put("output bytes", outputBytes);
            PipelineSummary.Stage line = new PipelineSummary.Stage(stage(), "ran", inputs, counts, seconds);
            int at = -1;
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).name().equals(line.name())) {
                    at = i;
                }
            }
            if (at >= 0) {
                stages.set(at, line);
            } else {
                stages.add(line);
            }
            new PipelineSummary(stages).write(file);
        } catch (java.io.IOException e) {
            getLog().warn("Could not update the pipeline summary " + file + ": " + e.getMessage());
        }
    }

    private Path root() {
        return projectDirectory == null ? null : projectDirectory.toPath();
    }

    private Fingerprint fingerprint(StageFiles files, Fingerprint last) throws Exception {
        String version = mojoExecution.getMojoDescriptor().getPluginDescriptor().getVersion();
        return Fingerprint.of(stage(), version, files.formatVersion(), parameters(), files.inputs(), files.outputs(),
                last, root());
    }

    /**
     * The normalised parameters that decide whether the stage's result changes: every editable parameter of the goal
     * but the build-wide ones ({@code skip}, {@code force}, {@code threads}, the lock) and {@link #notFingerprinted()},
     * with files as absolute paths (made relative to the project directory by {@link Fingerprint#of}).
     */
    final ObjectNode parameters() throws Exception {
        Set<String> excluded = notFingerprinted();
        ObjectNode parameters = PARAMETERS.createObjectNode();
        for (var p : mojoExecution.getMojoDescriptor().getParameters()) {
            if (!p.isEditable() || NOT_FINGERPRINTED.contains(p.getName()) || excluded.contains(p.getName())) {
                continue;
            }
            Object value = field(p.getName());
            parameters.set(p.getName(), PARAMETERS.valueToTree(value instanceof File f ? f.getAbsolutePath() : value));
        }
        derivedParameters().forEach((k, v) -> parameters.set(k, DERIVED.valueToTree(v)));
        return parameters;
    }

    private Object field(String name) throws IllegalAccessException {
        for (Class<?> c = getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(this);
            } catch (NoSuchFieldException e) {
                // In a superclass.
            }
        }
        return null;
    }
}
