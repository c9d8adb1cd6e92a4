package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jsroot, an independent reader, reads what we write: for every branch the entry count, the number and sum of
 * values and the first three entries agree with the columns we wrote, with no byte-count mismatch.
 */
class JsRootWriteTest {
    private static final int ENTRIES = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void jsrootReadsEveryTypeAndShape(Compression compression) throws IOException {
        TestColumns data = TestColumns.allTypes(ENTRIES, 5, false);
        Path file = dir.resolve("js-" + compression + ".root");
        int level = compression == Compression.NONE ? 0 : 4;
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withCompression(compression, level)
                .withBasketEntries(150))) {
            TreeWriter t = w.tree("events", "", data.specs);
            t.append(data.batch(0, 120));
            t.append(data.batch(120, ENTRIES));
        }
        assertAgreesWithJsroot(file, "events", data);
    }

    static void assertAgreesWithJsroot(Path file, String tree, TestColumns data) throws IOException {
        JsonNode ref = JsRoot.reference(file, tree);
        assertThat(ref.get("entries").asLong()).isEqualTo(data.entries);
        assertThat(ref.get("branches").size()).isEqualTo(data.specs.size());
        SoftAssertions soft = new SoftAssertions();
        for (BranchSpec spec : data.specs) {
            JsonNode r = ref.get("branches").get(spec.name());
            Column c = data.columns.get(spec.name());
            String name = spec.name();
            soft.assertThat(r.get("leaf").asText()).as(name).isEqualTo(spec.shape() == Shape.VECTOR ? "TLeafElement"
                    : spec.type().leafClass());
            JsonNode first3 = r.get("first3");
            if (first3.get(0).isTextual()) {
                // jsroot turns fixed arrays of signed char into Latin-1 strings and leaves them out of its sums.
                soft.assertThat(spec.type()).as(name).isEqualTo(LeafType.INT8);
                for (int i = 0; i < 3; i++) {
                    String s = first3.get(i).asText();
                    for (int j = 0; j < s.length(); j++) {
                        soft.assertThat((byte) s.charAt(j)).as(name + " entry " + i).isEqualTo(
                                (byte) c.getLong(c.start(i) + j));
                    }
                }
                continue;
            }
            // jsroot gives x[n][3] as arrays of arrays, which its reference script does not sum.
            boolean nested = spec.shape() == Shape.JAGGED && spec.fixedLength() > 1;
            double sum = 0;
            for (int i = 0; i < c.valueCount(); i++) {
                sum += c.getDouble(i);
            }
            soft.assertThat(r.get("numericCount").asLong()).as(name + " count").isEqualTo(nested ? 0
                    : c.valueCount());
            soft.assertThat(r.get("numericSum").asDouble()).as(name + " sum")
                    .isCloseTo(nested ? 0 : sum, within(1e-9 * Math.max(1, Math.abs(sum))));
            for (int i = 0; i < 3; i++) {
                List<Double> got = new ArrayList<>();
                flatten(first3.get(i), got);
                List<Double> want = new ArrayList<>();
                for (int j = 0; j < c.size(i); j++) {
                    want.add(c.getDouble(c.start(i) + j));
                }
                soft.assertThat(got).as(name + " entry " + i).isEqualTo(want);
            }
        }
        soft.assertAll();
    }

    /** The numbers of a jsroot value in order: a number, an array, or an object of numbered fields (typed arrays). */
    private static void flatten(JsonNode v, List<Double> out) {
        if (v.isContainerNode()) {
            v.elements().forEachRemaining(x -> flatten(x, out));
        } else {
            out.add(v.asDouble());
        }
    }
}
