package io.github.tauml.rootio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jsroot (installed from npm by the build into {@code jsroot.dir}) as an independent reader of files we write.
 * Scripts run from the jsroot directory, because Node's ESM resolves 'jsroot' next to the script.
 * Any "Missmatch" line (jsroot's byte-count check, their spelling) fails the call.
 */
public final class JsRoot {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsRoot() {
    }

    public static Path dir() {
        Path d = Path.of(System.getProperty("jsroot.dir", "../target/jsroot")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(d.resolve("node_modules/jsroot/package.json"))) {
            throw new IllegalStateException("jsroot is not installed in " + d
                    + "; the build installs it with tools/install-jsroot.sh");
        }
        return d;
    }

    /** Runs the shared reference script ({@code jsroot-ref.mjs}) on a file: the same JSON shape as reference/*.json. */
    public static JsonNode reference(Path file, String tree, String... branches) throws IOException {
        Path script = install(Fixtures.dir().resolve("tools/jsroot-ref.mjs"));
        List<String> args = new ArrayList<>(List.of(script.toString(), file.toAbsolutePath().toString(), tree));
        if (branches.length > 0) {
            args.add(String.join(",", branches));
        }
        return JSON.readTree(run(args));
    }

    /**
     * Runs the field folder's reference script ({@code field/tools/jsroot-ref.mjs}), which also flattens nested
     * vectors into numericCount/numericSum and splits leaf lists.
     */
    public static JsonNode fieldReference(Path file, String tree) throws IOException {
        Path script = Fixtures.dir().resolve("field/tools/jsroot-ref.mjs");
        Path target = dir().resolve("jsroot-ref-field.mjs");
        Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
        return JSON.readTree(run(List.of(target.toString(), file.toAbsolutePath().toString(), tree)));
    }

    /** Runs one of our own scripts from src/test/js with the given arguments; returns its stdout as JSON. */
    public static JsonNode script(String name, String... args) throws IOException {
        Path script = install(Path.of("src/test/js", name).toAbsolutePath());
        List<String> all = new ArrayList<>(List.of(script.toString()));
        all.addAll(List.of(args));
        return JSON.readTree(run(all));
    }

    private static Path install(Path script) throws IOException {
        Path target = dir().resolve(script.getFileName());
        Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir().toFile()).redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try {
            out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jsroot timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        String stderr = new String(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("jsroot failed (" + p.exitValue() + "): " + cmd + "\n" + stderr + stdout);
        }
        if (stdout.contains("Missmatch") || stderr.contains("Missmatch")) {
            throw new AssertionError("jsroot reports a byte-count mismatch:\n" + stderr + stdout);
        }
        int start = stdout.indexOf('{');
        if (start < 0) {
            throw new IOException("jsroot printed no JSON: " + stdout + stderr);
        }
        return stdout.substring(start);
    }
}
