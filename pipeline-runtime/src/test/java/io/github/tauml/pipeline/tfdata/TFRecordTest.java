package io.github.tauml.pipeline.tfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/** TFRecord framing and Example encoding against the JDK's CRC-32C, protobuf's parser and corruption. */
class TFRecordTest {
    @TempDir
    Path tmp;

    @Test
    void maskedCrcMatchesTensorFlowsDefinitionOnKnownValues() {
        // crc32c("123456789") = 0xE3069283 (the standard check value); TF masks it as rotr15 + 0xa282ead8.
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int crc = 0xE3069283;
        int expected = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        assertThat(TFRecordWriter.maskedCrc(check, 0, check.length)).isEqualTo(expected);
    }

    @Test
    void examplesRoundTripThroughProtobufAndCorruptionIsDetected() throws IOException {
        ExampleWriter ew = new ExampleWriter();
        Path file = tmp.resolve("x.tfrecord");
        try (TFRecordWriter w = TFRecordWriter.create(file, false)) {
            for (int i = 0; i < 50; i++) {
                ew.clear();
                ew.floats("tau", i, -i * 0.5f, Float.MIN_VALUE);
                ew.int64s("g/cells", new long[i % 3], i % 3); // empty lists included
                ew.int64s("entry", (long) i << 40, -1L);
                w.write(ew.toBytes());
            }
        }
        try (TFRecordReader r = TFRecordReader.open(file, false)) {
            for (int i = 0; i < 50; i++) {
                Map<String, Feature> f = Example.parseFrom(r.next()).getFeatures().getFeatureMap();
                assertThat(f.get("tau").getFloatList().getValueList()).containsExactly((float) i, -i * 0.5f,
                        Float.MIN_VALUE);
                assertThat(f.get("g/cells").getInt64List().getValueCount()).isEqualTo(i % 3);
                assertThat(f.get("entry").getInt64List().getValueList()).containsExactly((long) i << 40, -1L);
            }
            assertThat(r.next()).isNull();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {3, 9, 20, bytes.length - 2}) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x10;
            Path broken = tmp.resolve("bad-" + at + ".tfrecord");
            Files.write(broken, bad);
            assertThatThrownBy(() -> {
                try (TFRecordReader r = TFRecordReader.open(broken, false)) {
                    while (r.next() != null) {
                        // read all
                    }
                }
            }).isInstanceOf(IOException.class).hasMessageContaining(broken.toString()).hasMessageContaining("CRC");
        }
        Path cut = tmp.resolve("cut.tfrecord");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> {
            try (TFRecordReader r = TFRecordReader.open(cut, false)) {
                while (r.next() != null) {
                    // read all
                }
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void exampleBytesEqualProtobufsDeterministicSerialization() throws IOException {
        ExampleWriter ew = new ExampleWriter();
        ew.floats("weight", 0.25f).int64s("dataset_id", 6L).floats("a/values", new float[0], 0)
                .int64s("big", Long.MIN_VALUE, 300L);
        byte[] ours = ew.toBytes();
        Example parsed = Example.parseFrom(ours);
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream cos = com.google.protobuf.CodedOutputStream.newInstance(bos);
        cos.useDeterministicSerialization();
        parsed.writeTo(cos);
        cos.flush();
        assertThat(ours).isEqualTo(bos.toByteArray());
    }
}
