package io.github.tauml.pipeline.config;

import java.util.List;

/**
 * A stage declared in a way that cannot run: one or more {@link Problem}s, each naming the element at fault (a pom
 * path such as {@code <samples><sample name="DYT"><selection>}, or a settings key), what is wrong and the fix. The
 * Maven layer reports it as a build failure (bad configuration), never as a bug. Thrown before any output is
 * written.
 */
public final class ConfigException extends Exception {
    private final transient List<Problem> problems;

    /** One problem of a declaration: where, what, and how to fix it. */
    public record Problem(String element, String message, String fix) {
        public Problem {
            if (element == null || element.isBlank() || message == null || message.isBlank()) {
                throw new IllegalArgumentException("a problem names its element and says what is wrong");
            }
        }

        /** {@code element: message} then {@code Fix: fix} on its own line: the reason first, the fix after it. */
        public String render() {
            return element + ": " + message + (fix == null || fix.isBlank() ? "" : "\nFix: " + fix);
        }
    }

    public ConfigException(String element, String message, String fix) {
        this(List.of(new Problem(element, message, fix)));
    }

    public ConfigException(List<Problem> problems) {
        this(null, problems);
    }

    /**
     * @param headline a first line saying what the problems stopped (e.g. "no sample was skimmed"), or null for the
     *                 default ("N problems:" when there are several)
     */
    public ConfigException(String headline, List<Problem> problems) {
        super(render(headline, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem to report");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(String headline, List<Problem> problems) {
        if (headline == null && problems.size() == 1) {
            return problems.get(0).render();
        }
        StringBuilder b = new StringBuilder(headline != null ? headline : problems.size() + " problems:");
        for (Problem p : problems) {
            b.append("\n").append(p.render());
        }
        return b.toString();
    }
}
