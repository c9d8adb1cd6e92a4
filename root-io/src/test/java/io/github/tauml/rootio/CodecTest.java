package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.compress.CompressionException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Records larger than one ROOT chunk (16 MiB) are split into several chunks and come back whole. */
class CodecTest {

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZLIB", "LZMA", "LZ4", "ZSTD"})
    void recordsOverOneChunkRoundTrip(Compression algorithm) throws CompressionException {
        byte[] raw = new byte[Codec.MAX_CHUNK + 123_457];
        Random r = new Random(1);
        for (int i = 0; i < raw.length; i++) {
            // Repetitive with some noise: every algorithm, LZ4 included, shrinks it.
            raw[i] = (byte) (i % 4 == 0 ? r.nextInt(256) : (i / 16) % 97);
        }
        byte[] packed = Codec.compress(raw, 0, raw.length, algorithm, 1);
        assertThat(packed).isNotNull().hasSizeLessThan(raw.length);
        int chunks = 0;
        for (int p = 0; p < packed.length; chunks++) {
            assertThat(new String(packed, p, 2, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(algorithm.tag());
            int csize = (packed[p + 3] & 0xFF) | (packed[p + 4] & 0xFF) << 8 | (packed[p + 5] & 0xFF) << 16;
            p += 9 + csize;
        }
        assertThat(chunks).isEqualTo(2);
        assertThat(new Codec().decompress(packed, 0, packed.length, raw.length)).isEqualTo(raw);
        // One byte short of what the chunk headers promise: refused before anything is allocated.
        assertThatThrownBy(() -> new Codec().decompress(packed, 0, packed.length, raw.length - 1))
                .isInstanceOf(CompressionException.class).hasMessageContaining("chunk headers add up to");
    }
}
