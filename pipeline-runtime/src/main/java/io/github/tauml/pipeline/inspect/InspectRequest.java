package io.github.tauml.pipeline.inspect;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to inspect and how to show it.
 *
 * @param file     the ROOT file
 * @param tree     a tree path such as {@code events}, {@code dir/taus} or {@code taus;2}; null for every tree
 * @param branches branch names to report; empty for every branch
 * @param format   a readable listing, or JSON in the shape of jsroot's reference files
 */
public record InspectRequest(Path file, String tree, List<String> branches, Format format) {

    public enum Format {
        /** A listing like {@code rootls -t} or uproot's {@code show}: metadata only, no values are decoded. */
        TEXT,
        /** Per-branch count, sum and first three values, shaped like {@code testdata/root/reference/*.json}. */
        JSON;

        /** "text" or "json", in any case. */
        public static Format parse(String name) {
            String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not an inspect format; use text or json");
        }
    }

    public InspectRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        tree = tree == null || tree.isBlank() ? null : tree.strip();
        branches = branches == null ? List.of()
                : branches.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                        .toList();
    }

    /** Every tree and branch of a file, as text. */
    public static InspectRequest of(Path file) {
        return new InspectRequest(file, null, List.of(), Format.TEXT);
    }
}
