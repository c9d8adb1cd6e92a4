package io.github.tauml.pipeline.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.tauml.pipeline.inspect.InspectReport.BranchReport;
import io.github.tauml.pipeline.inspect.InspectReport.BranchStats;
import io.github.tauml.pipeline.inspect.InspectReport.KeyEntry;
import io.github.tauml.pipeline.inspect.InspectReport.TreeReport;
import io.github.tauml.rootio.tree.Branch;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The JSON of {@code testdata/root/tools/jsroot-ref.mjs}, field for field, on one line:
 * {@code {rootVersion, fileCompress, keys: ["name;cycle Class"], tree, entries, nBranches,
 * branches: {name: {title, leaf, className?, compress, baskets, first3, numericCount, numericSum}}}}.
 *
 * <p>As in jsroot, {@code keys} holds the top directory's keys followed by the StreamerInfo key. Deliberate
 * differences: a branch root-io cannot decode (nested STL containers, objects) has no {@code first3},
 * {@code numericCount} or {@code numericSum} but an {@code "unsupported"} note, so that a comparison flags it
 * instead of trusting a made-up zero; {@code branches} holds every leaf-level branch (jsroot-ref.mjs leaves out split
 * objects, whose values sit in sub-branches; for flat trees the lists are the same); a file without trees gets only the first
 * three fields. Numbers are written as JavaScript writes them: integral values without a fraction, NaN and
 * infinities as null. Characters beyond ASCII are written as JSON unicode escapes, which parse to the same strings.
 */
final class JsonListing {
    // ASCII only: the JSON survives any console encoding when printed to stdout.
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final double SAFE_INTEGER = 9007199254740992.0; // 2^53

    private JsonListing() {
    }

    static String render(InspectReport r) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("rootVersion", r.rootVersion());
            g.writeNumberField("fileCompress", r.compression());
            g.writeArrayFieldStart("keys");
            for (KeyEntry k : r.keys()) {
                if (k.directory().isEmpty()) {
                    g.writeString(k.name() + ";" + k.cycle() + " " + k.className());
                }
            }
            g.writeEndArray();
            if (!r.trees().isEmpty()) {
                // Inspector allows several trees only for text, so there is exactly one here.
                tree(g, r.trees().get(0));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return w + "\n";
    }

    private static void tree(JsonGenerator g, TreeReport t) throws IOException {
        g.writeStringField("tree", t.path());
        g.writeNumberField("entries", t.entries());
        g.writeNumberField("nBranches", t.topLevelBranches());
        g.writeObjectFieldStart("branches");
        java.util.Set<String> written = new java.util.HashSet<>();
        for (BranchReport br : t.branches()) {
            Branch b = br.branch();
            // The reader already gives duplicate branch names a suffix (#2); a key is still never written twice.
            String key = b.name();
            for (int n = 2; !written.add(key); n++) {
                key = b.name() + "#" + n;
            }
            g.writeObjectFieldStart(key);
            g.writeStringField("title", b.title());
            g.writeStringField("leaf", b.leafClass());
            if (!b.className().isEmpty()) {
                g.writeStringField("className", b.className());
            }
            g.writeNumberField("compress", b.compression());
            g.writeNumberField("baskets", br.writeBaskets());
            BranchStats s = br.stats();
            if (s == null) {
                g.writeStringField("unsupported", "root-io does not decode " + b.typeName() + " (" + b.leafClass()
                        + ")" + (br.problem().isEmpty() ? "" : ": " + br.problem())
                        + "; first3, numericCount and numericSum are omitted");
            } else {
                g.writeFieldName("first3");
                value(g, s.first3());
                g.writeNumberField("numericCount", s.count());
                g.writeFieldName("numericSum");
                value(g, s.sum());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (!t.warnings().isEmpty()) {
            g.writeArrayFieldStart("warnings");
            for (String w : t.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < SAFE_INTEGER) {
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v);
        }
    }
}
