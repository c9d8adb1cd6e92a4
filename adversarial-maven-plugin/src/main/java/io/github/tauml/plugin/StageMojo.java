package io.github.tauml.plugin;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.exec.BuildLock;
import io.github.tauml.pipeline.exec.Fingerprint;
import io.github.tauml.pipeline.exec.LockFile;
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

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
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
        Path record = fingerprints == null || mojoExecution == null ? null
                : fingerprints.toPath().resolve(goal + "-" + mojoExecution.getExecutionId() + ".json");
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
            try (BuildLock held = BuildLock.acquire(record.getParent().getParent().resolve(".lock"),
                    goal + " (" + mojoExecution.getExecutionId() + ")")) {
                Fingerprint done = runUnlessUpToDate(goal, record);
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

    /** @return the stage's fingerprint after it ran or was found up to date; null for a goal without files */
    private Fingerprint runUnlessUpToDate(String goal, Path record) throws Exception {
        StageFiles files = files();
        if (files == null) {
            run();
            return null;
        }
        Fingerprint last = Fingerprint.load(record);
        Fingerprint now = fingerprint(goal, files, last);
        List<String> why = now.changesSince(last);
        boolean forced = force || Boolean.parseBoolean(session == null ? null
                : session.getUserProperties().getProperty("adversarial." + goal + ".force"));
        String stage = goal + " (" + mojoExecution.getExecutionId() + ")";
        if (why.isEmpty() && !forced) {
            getLog().info(stage + ": up to date, nothing to do");
            return now;
        }
        getLog().info(stage + " runs: " + (why.isEmpty() ? "forced" : String.join("; ", why)));
        run();
        // Written last, after the outputs are published: a stage killed part-way is never taken as done.
        Fingerprint done = Fingerprint.of(now.stage(), now.pluginVersion(), files.formatVersion(), now.parameters(),
                files.inputs(), files.outputs(), now);
        done.save(record);
        return done;
    }

    private Fingerprint fingerprint(String goal, StageFiles files, Fingerprint last) throws Exception {
        ObjectNode parameters = PARAMETERS.createObjectNode();
        for (var p : mojoExecution.getMojoDescriptor().getParameters()) {
            if (!p.isEditable() || NOT_FINGERPRINTED.contains(p.getName())) {
                continue;
            }
            Object value = field(p.getName());
            parameters.set(p.getName(), PARAMETERS.valueToTree(value instanceof File f ? f.getAbsolutePath() : value));
        }
        String version = mojoExecution.getMojoDescriptor().getPluginDescriptor().getVersion();
        return Fingerprint.of(goal + " (" + mojoExecution.getExecutionId() + ")", version, files.formatVersion(),
                parameters, files.inputs(), files.outputs(), last);
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
