package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.toy.ToySettings;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the input declarations of a sample into an ordered list of ROOT files, as skim_tree.py accepts them: a
 * file, a glob ({@code ntuples/DY_*.root}), a directory (its {@code .root} files), or a {@code .txt} list with one
 * path per line ({@code #} lines and blank lines skipped; relative lines resolve against the list's directory, or
 * against a prefix). Globs and directories are sorted by name so that the order, and so the output, never depends
 * on the file system.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Thrown when a declaration matches nothing or names something unreadable; says which declaration. */
    public static final class InputException extends Exception {
        private final String declaration;

        public InputException(String declaration, String message) {
            super(message);
            this.declaration = declaration;
        }

        public String declaration() {
            return declaration;
        }
    }

    /**
     * @param base     directory relative declarations resolve against (the project directory)
     * @param prefix   prepended to relative lines of {@code .txt} lists (skim_tree's {@code --input-prefix}), or null
     */
    public static List<Path> resolve(Path base, List<String> declarations, String prefix) throws InputException {
        Set<Path> out = new LinkedHashSet<>();
        for (String d : declarations) {
            String decl = d.trim();
            if (decl.isEmpty()) {
                continue;
            }
            List<Path> found = resolveOne(base, decl, prefix);
            if (found.isEmpty()) {
                throw new InputException(decl, "input '" + decl + "' matches no ROOT file (resolved against " + base
                        + ")");
            }
            out.addAll(found);
        }
        if (out.isEmpty()) {
            throw new InputException("", "no inputs declared");
        }
        return List.copyOf(out);
    }

    private static List<Path> resolveOne(Path base, String decl, String prefix) throws InputException {
        if (decl.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new InputException(decl, "input '" + decl + "' is a URL: remote files (root://, http://, ...) are"
                    + " not supported yet; copy the file locally or use a mounted path (e.g. /eos/...)");
        }
        if (isGlob(decl)) {
            return glob(base, decl);
        }
        Path p = base.resolve(decl).normalize();
        if (Files.isDirectory(p)) {
            return list(p, "*.root", decl);
        }
        if (!Files.exists(p)) {
            throw new InputException(decl, "input '" + decl + "' does not exist (looked for " + p + ")");
        }
        if (decl.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return fromList(p, prefix, decl);
        }
        if (!Files.isRegularFile(p)) {
            // A FIFO or a device would block the reader forever, or read garbage.
            throw new InputException(decl, "input '" + decl + "' is not a regular file (" + p + ")");
        }
        if (!Files.isReadable(p)) {
            throw new InputException(decl, "input '" + decl + "' is not readable");
        }
        return List.of(p);
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** A glob: its directory part must be literal; the last path element holds the pattern. */
    private static List<Path> glob(Path base, String decl) throws InputException {
        int slash = decl.lastIndexOf('/');
        String dirPart = slash >= 0 ? decl.substring(0, slash) : ".";
        String pattern = decl.substring(slash + 1);
        if (isGlob(dirPart)) {
            throw new InputException(decl, "input '" + decl + "': wildcards are only supported in the file name, not"
                    + " in directories");
        }
        Path dir = base.resolve(dirPart).normalize();
        if (!Files.isDirectory(dir)) {
            throw new InputException(decl, "input '" + decl + "': directory " + dir + " does not exist");
        }
        return list(dir, pattern, decl);
    }

    private static List<Path> list(Path dir, String pattern, String decl) throws InputException {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> s = Files.list(dir)) {
            // A glob such as toy/* does not take the settings the toy records beside its files (x.root.json).
            return s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())
                            && !p.getFileName().toString().endsWith(".root" + ToySettings.SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(decl, "input '" + decl + "': cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static List<Path> fromList(Path listFile, String prefix, String decl) throws InputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile);
        } catch (IOException e) {
            throw new InputException(decl, "input list '" + decl + "' cannot be read: " + e.getMessage());
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String full = prefix != null && !prefix.isEmpty() && !Path.of(line).isAbsolute() ? prefix + line : line;
            Path p = listFile.getParent().resolve(full).normalize();
            if (line.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
                throw new InputException(decl, "input list '" + decl + "', line " + (i + 1) + ": " + line + " is a"
                        + " URL: remote files are not supported yet; copy the file locally or use a mounted path");
            }
            if (!Files.exists(p)) {
                throw new InputException(decl, "input list '" + decl + "', line " + (i + 1) + ": " + p
                        + " does not exist");
            }
            if (!Files.isRegularFile(p)) {
                throw new InputException(decl, "input list '" + decl + "', line " + (i + 1) + ": " + p
                        + " is not a regular file");
            }
            out.add(p);
        }
        return out;
    }
}
