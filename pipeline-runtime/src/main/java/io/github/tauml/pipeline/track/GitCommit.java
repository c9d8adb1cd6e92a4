package io.github.tauml.pipeline.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The commit checked out in the git repository that holds a directory, read from the {@code .git} files (HEAD, loose
 * refs, packed-refs; worktrees and submodules whose {@code .git} is a {@code gitdir:} file), without running git.
 */
public final class GitCommit {
    private GitCommit() {
    }

    /** The 40-hex commit, or null when {@code dir} is not inside a git repository or HEAD cannot be resolved. */
    public static String of(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        while (d != null) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                return resolve(git);
            }
            if (Files.isRegularFile(git)) {
                String line = Files.readString(git, StandardCharsets.UTF_8).trim();
                if (line.startsWith("gitdir:")) {
                    return resolve(d.resolve(line.substring("gitdir:".length()).trim()).normalize());
                }
                return null;
            }
            d = d.getParent();
        }
        return null;
    }

    private static String resolve(Path gitDir) throws IOException {
        Path headFile = gitDir.resolve("HEAD");
        if (!Files.isRegularFile(headFile)) {
            return null;
        }
        String head = Files.readString(headFile, StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) {
            return head.matches("[0-9a-f]{40}") ? head : null;
        }
        String ref = head.substring(4).trim();
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
        }
        for (Path base : new Path[]{gitDir, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose, StandardCharsets.UTF_8).trim();
            }
        }
        for (Path base : new Path[]{gitDir, common}) {
            Path packed = base.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref) && line.length() > 41) {
                        return line.substring(0, 40);
                    }
                }
            }
        }
        return null;
    }
}
