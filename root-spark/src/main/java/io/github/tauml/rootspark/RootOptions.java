package io.github.tauml.rootspark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The options of the {@code root} data source, parsed and checked once on the driver.
 *
 * @param tree             the TTree's path in each file ({@code "tree"}, required; {@code "dir/taus"} for a tree in a
 *                         TDirectory)
 * @param files            the ROOT files, absolute, sorted per given path: a file, a directory (its {@code *.root}
 *                         files) or a glob in the last path element ({@code /data/ntuple_*.root})
 * @param partitionBytes   {@code "partitionBytes"}: target uncompressed bytes of the read branches per partition
 *                         (default 128 MiB, like {@code spark.sql.files.maxPartitionBytes})
 * @param partitionEntries {@code "partitionEntries"}: target entries per partition; overrides partitionBytes when
 *                         set (0 = unset)
 * @param batchEntries     {@code "batchEntries"}: entries per columnar batch (default 8192)
 * @param branches         {@code "branches"}: comma-separated branches that make up the schema (empty = every
 *                         branch Spark can represent); a listed branch that cannot be mapped is an error
 */
public record RootOptions(String tree, List<String> files, long partitionBytes, long partitionEntries, int batchEntries,
                          List<String> branches) implements Serializable {

    public static final long DEFAULT_PARTITION_BYTES = 128L << 20;
    public static final int DEFAULT_BATCH_ENTRIES = 8192;

    /** Parses Spark's case-insensitive option map; every error names the option and what it expects. */
    public static RootOptions parse(Map<String, String> options) {
        String tree = get(options, "tree");
        if (tree == null || tree.isBlank()) {
            throw new IllegalArgumentException("the root data source needs the tree's name: "
                    + "spark.read.format(\"root\").option(\"tree\", \"taus\").load(path)");
        }
        List<String> paths = new ArrayList<>();
        String one = get(options, "path");
        if (one != null && !one.isBlank()) {
            paths.add(one);
        }
        String many = get(options, "paths");
        if (many != null && !many.isBlank()) {
            try {
                paths.addAll(new ObjectMapper().readValue(many, new TypeReference<List<String>>() { }));
            } catch (IOException e) {
                throw new IllegalArgumentException("option 'paths' must be a JSON array of paths, got " + many, e);
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("the root data source needs at least one path: .load(\"/data/f.root\")"
                    + " or .load(\"/data/dir\") or .load(\"/data/ntuple_*.root\")");
        }
        List<String> files = new ArrayList<>();
        for (String p : paths) {
            files.addAll(expand(p));
        }
        long partitionBytes = positiveLong(options, "partitionBytes", DEFAULT_PARTITION_BYTES);
        long partitionEntries = positiveLong(options, "partitionEntries", 0);
        long batch = positiveLong(options, "batchEntries", DEFAULT_BATCH_ENTRIES);
        if (batch > 1 << 24) {
            throw new IllegalArgumentException("option 'batchEntries' must be at most " + (1 << 24) + ", got " + batch);
        }
        String b = get(options, "branches");
        List<String> branches = b == null || b.isBlank() ? List.of()
                : Arrays.stream(b.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new RootOptions(tree.trim(), List.copyOf(files), partitionBytes, partitionEntries, (int) batch, branches);
    }

    private static String get(Map<String, String> options, String key) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static long positiveLong(Map<String, String> options, String key, long dflt) {
        String v = get(options, key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long x = Long.parseLong(v.trim());
            if (x <= 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a positive whole number, got '" + v + "'");
        }
    }

    /** One given path as sorted absolute files. */
    static List<String> expand(String given) {
        Path p = given.startsWith("file:") ? Path.of(URI.create(given)) : Path.of(given);
        p = p.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                List<String> out = s.filter(f -> f.getFileName().toString().endsWith(".root") && Files.isRegularFile(f))
                        .map(Path::toString).sorted().toList();
                if (out.isEmpty()) {
                    throw new IllegalArgumentException("path " + p + " is a directory without *.root files");
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.contains("*") || name.contains("?") || name.contains("[") || name.contains("{")) {
            TreeSet<String> out = new TreeSet<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p.getParent(), name)) {
                for (Path f : s) {
                    if (Files.isRegularFile(f)) {
                        out.add(f.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p.getParent() + " for the pattern " + name, e);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("path pattern " + p + " matches no file");
            }
            return List.copyOf(out);
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("path " + p + " does not exist (the root data source reads files that"
                    + " every executor sees at the same path: a local or shared file system)");
        }
        return List.of(p.toString());
    }
}
