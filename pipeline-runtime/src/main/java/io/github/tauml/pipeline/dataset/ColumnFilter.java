package io.github.tauml.pipeline.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * skim_tree.py's column lists: a name is kept when it matches an include pattern (or there are none) and no
 * exclude pattern. A pattern starting with {@code ^} is a regular expression matched against the start of the
 * name; anything else must match the name exactly.
 */
public final class ColumnFilter {
    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final List<String> includeSources;

    private ColumnFilter(List<String> include, List<String> exclude) {
        this.includeSources = List.copyOf(include);
        this.include = compile(include, "include");
        this.exclude = compile(exclude, "exclude");
    }

    public static ColumnFilter of(List<String> include, List<String> exclude) {
        return new ColumnFilter(include, exclude);
    }

    public static ColumnFilter all() {
        return new ColumnFilter(List.of(), List.of());
    }

    private static List<Pattern> compile(List<String> patterns, String what) {
        List<Pattern> out = new ArrayList<>();
        for (String p : patterns) {
            String s = p.trim();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out.add(s.startsWith("^") ? Pattern.compile(s) : Pattern.compile(Pattern.quote(s)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(what + " pattern '" + s + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return List.copyOf(out);
    }

    public boolean keeps(String name) {
        return includes(name) && exclude.stream().noneMatch(p -> matches(p, name));
    }

    /** Whether the include list alone keeps {@code name} (the exclude list not applied). */
    public boolean includes(String name) {
        return include.isEmpty() || include.stream().anyMatch(p -> matches(p, name));
    }

    private static boolean matches(Pattern p, String name) {
        // A regex (^...) needs only to match from the start, as Python's re.match does; exact names must be whole.
        return p.pattern().startsWith("^") ? p.matcher(name).lookingAt() : p.matcher(name).matches();
    }

    /** Exact include names (not regexes) that match none of the available names: most likely typos. */
    public List<String> unmatchedExactIncludes(List<String> available) {
        List<String> out = new ArrayList<>();
        for (String s : includeSources) {
            String t = s.trim();
            if (!t.isEmpty() && !t.startsWith("^") && !available.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
