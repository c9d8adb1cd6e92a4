package io.github.tauml.pipeline.inspect;

import io.github.tauml.pipeline.inspect.InspectReport.BranchReport;
import io.github.tauml.pipeline.inspect.InspectReport.KeyEntry;
import io.github.tauml.pipeline.inspect.InspectReport.TreeReport;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The readable listing: file header, every key, and a branch table per tree (like {@code rootls -t}). */
final class TextListing {
    private static final int LARGE_FILE_VERSION = 1_000_000;

    private TextListing() {
    }

    static String render(InspectReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.file()).append('\n');
        out.append("  ROOT ").append(rootRelease(r.rootVersion())).append(" (fVersion ").append(r.rootVersion())
                .append("), ").append(count(r.size())).append(" bytes, compression ").append(compression(r.compression()))
                .append('\n');
        out.append('\n').append("Keys (name;cycle, class, title):\n");
        List<String[]> keyRows = new ArrayList<>();
        for (KeyEntry k : r.keys()) {
            int depth = k.directory().isEmpty() ? 0 : k.directory().split("/").length;
            keyRows.add(new String[] {"  ".repeat(depth) + k.path() + ";" + k.cycle(), k.className(), k.title()});
        }
        table(out, null, keyRows, "  ");
        for (TreeReport t : r.trees()) {
            out.append('\n');
            tree(out, t);
        }
        if (r.trees().isEmpty()) {
            out.append("\nNo trees.\n");
        }
        return out.toString();
    }

    private static void tree(StringBuilder out, TreeReport t) {
        out.append("TTree ").append(t.path()).append(": ").append(count(t.entries())).append(" entries, ")
                .append(count(t.branches().size())).append(t.branches().size() == 1 ? " branch" : " branches");
        if (!t.title().isEmpty()) {
            out.append(", title \"").append(t.title()).append('"');
        }
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        long zip = 0;
        long tot = 0;
        boolean unsupported = false;
        List<String> problems = new ArrayList<>();
        for (BranchReport br : t.branches()) {
            Branch b = br.branch();
            unsupported |= !b.isSupported();
            if (!br.problem().isEmpty()) {
                problems.add(b.name() + ": " + br.problem());
            }
            rows.add(new String[] {b.name(), b.typeName() + (b.isSupported() ? "" : " *"), b.leafClass(),
                    compression(b.compression()), count(br.writeBaskets()), count(b.zipBytes()),
                    count(b.totBytes()), ratio(b.totBytes(), b.zipBytes())});
            zip += b.zipBytes();
            tot += b.totBytes();
        }
        rows.add(new String[] {"total", "", "", "", "", count(zip), count(tot), ratio(tot, zip)});
        table(out, new String[] {"branch", "type", "leaf", "compression", "baskets", "compressed", "uncompressed",
                "ratio"}, rows, "  ");
        if (unsupported) {
            out.append("  * listed, but root-io cannot read its values:\n");
            for (String p : problems) {
                out.append("    ").append(p).append('\n');
            }
        }
        for (String w : t.warnings()) {
            out.append("  warning: ").append(w).append('\n');
        }
    }

    /** A count with thousands separators, as every table and log line of the plugin writes counts. */
    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Left-aligned columns; numbers are right-aligned so that their digits line up. */
    private static void table(StringBuilder out, String[] header, List<String[]> rows, String indent) {
        List<String[]> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        int cols = all.get(0).length;
        int[] width = new int[cols];
        boolean[] numeric = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            numeric[c] = !rows.isEmpty();
            for (String[] row : all) {
                width[c] = Math.max(width[c], row[c].length());
            }
            for (String[] row : rows) {
                numeric[c] &= row[c].isEmpty() || row[c].matches("[0-9.,-]+");
            }
        }
        for (String[] row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < cols; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(numeric[c] && row != header ? pad + cell : cell + pad);
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String ratio(long uncompressed, long compressed) {
        return compressed <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) uncompressed / compressed);
    }

    /** "104 (zlib, level 4)": fCompress is 100 * algorithm + level. */
    static String compression(int setting) {
        try {
            Compression c = Compression.ofSetting(setting);
            if (c == Compression.NONE) {
                return setting + " (none)";
            }
            return setting + " (" + c.name().toLowerCase(Locale.ROOT) + ", level " + setting % 100 + ")";
        } catch (IllegalArgumentException e) {
            return setting + " (unknown algorithm)";
        }
    }

    /** 62004 → "6.20/04", as ROOT prints its versions. */
    static String rootRelease(int fVersion) {
        int v = fVersion >= LARGE_FILE_VERSION ? fVersion - LARGE_FILE_VERSION : fVersion;
        return String.format(Locale.ROOT, "%d.%02d/%02d", v / 10000, v / 100 % 100, v % 100);
    }
}
