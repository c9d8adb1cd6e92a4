package io.github.tauml.pipeline.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the earlier executions of a declared pipeline will write, so that a stage can be checked before anything runs
 * (issue 12, "validation before work"): an input that does not exist yet is fine when an earlier execution declares
 * it as an output (or lies inside an output directory of one), and is an error naming the path otherwise.
 *
 * <p>Stages that run alone use {@link #none()}: nothing is known about other stages, so a missing input is simply
 * missing. The {@code validate} goal uses {@link #pipeline()} and adds each execution's outputs, in lifecycle order,
 * after checking it. Besides paths it carries <em>facts</em> about declared outputs that later stages check against
 * (a dataset's network inputs, a weight file's histogram names), keyed by the output path.
 *
 * <p>Not thread-safe: one instance per check of one project.
 */
public final class Upstream {
    private final boolean wholePipeline;
    private final Map<Path, String> outputs = new LinkedHashMap<>();
    private final Map<Path, Map<Class<?>, Object>> facts = new LinkedHashMap<>();
    private final Map<Path, String> skipped = new LinkedHashMap<>();
    private String unknownWriter;

    private Upstream(boolean wholePipeline) {
        this.wholePipeline = wholePipeline;
    }

    /** A stage checked on its own: no earlier stage is known. */
    public static Upstream none() {
        return new Upstream(false);
    }

    /** A whole pipeline checked up front: earlier executions are {@link #add added} as they are checked. */
    public static Upstream pipeline() {
        return new Upstream(true);
    }

    /** Whether every earlier execution of the pipeline is known (then a missing, unproduced input is an error). */
    public boolean wholePipeline() {
        return wholePipeline;
    }

    /**
     * Records that {@code execution} (e.g. {@code skim (skim-training)}) writes {@code paths} (files or directories).
     */
    public Upstream add(String execution, Collection<Path> paths) {
        for (Path p : paths) {
            outputs.putIfAbsent(key(p), execution);
        }
        return this;
    }

    /**
     * Records that {@code execution} would write {@code paths} but is skipped ({@code skip=true}): they are not
     * written, and a later execution reading one that does not exist is told why.
     */
    public Upstream addSkipped(String execution, Collection<Path> paths) {
        for (Path p : paths) {
            skipped.putIfAbsent(key(p), execution);
        }
        return this;
    }

    /**
     * Records that {@code execution} writes outputs that cannot be told (its declaration has problems of its own):
     * from then on a missing input is taken as possibly written by it, so that one bad execution does not make every
     * later one report its inputs missing.
     */
    public Upstream addUnknown(String execution) {
        if (unknownWriter == null) {
            unknownWriter = execution;
        }
        return this;
    }

    /** Records a fact about the declared output {@code path}, e.g. the feature set a dataset will be written with. */
    public <T> Upstream fact(Path path, Class<T> type, T value) {
        facts.computeIfAbsent(key(path), k -> new LinkedHashMap<>()).put(type, value);
        return this;
    }

    /** A fact recorded for {@code path} or one of its parents, if an earlier execution declared one. */
    public <T> Optional<T> fact(Path path, Class<T> type) {
        for (Path p = key(path); p != null; p = p.getParent()) {
            Map<Class<?>, Object> f = facts.get(p);
            if (f != null && f.containsKey(type)) {
                return Optional.of(type.cast(f.get(type)));
            }
        }
        return Optional.empty();
    }

    /**
     * The earlier execution that writes {@code path}: it is one of the execution's outputs, lies inside one (a
     * dataset's {@code scaling.json} inside the dataset directory), or is a directory holding some of them.
     */
    public Optional<String> producer(Path path) {
        Path p = key(path);
        for (var e : outputs.entrySet()) {
            if (p.startsWith(e.getKey()) || e.getKey().startsWith(p)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.ofNullable(unknownWriter);
    }

    /** Whether {@code path} does not exist yet but an earlier execution will write it. */
    public boolean pending(Path path) {
        return !Files.exists(path) && producer(path).isPresent();
    }

    /**
     * Whether a declared input pattern ({@code skim/*.root}, a directory, a file) can only be resolved after an
     * earlier execution has run: it does not exist (or matches nothing) now, and its fixed leading part lies inside
     * or holds an earlier execution's output.
     *
     * @param base     relative patterns resolve against it
     * @param declared as declared in the pom
     */
    public boolean pendingPattern(Path base, String declared) {
        if (declared == null || declared.isBlank()) {
            return false;
        }
        String s = declared.trim();
        int glob = indexOfAny(s, "*?[{");
        if (glob < 0) {
            return pending(base.resolve(s));
        }
        int slash = s.lastIndexOf('/', glob);
        Path fixed = base.resolve(slash < 0 ? "." : s.substring(0, slash + 1));
        return producer(fixed).isPresent();
    }

    /**
     * Why {@code path} will not be there: "does not exist" for a stage checked alone; for the whole pipeline "does not
     * exist and no earlier stage writes it", or, when a skipped execution would write it, "does not exist: skim
     * (skim), which writes it, is skipped (skip=true)".
     */
    public String missing(Path path) {
        if (!wholePipeline) {
            return "does not exist";
        }
        Path p = key(path);
        for (var e : skipped.entrySet()) {
            if (p.startsWith(e.getKey()) || e.getKey().startsWith(p)) {
                return "does not exist: " + e.getValue() + ", which writes it, is skipped (skip=true)";
            }
        }
        return "does not exist and no earlier stage writes it";
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
