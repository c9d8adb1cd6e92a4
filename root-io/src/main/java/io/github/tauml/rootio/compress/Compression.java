package io.github.tauml.rootio.compress;

import java.util.Locale;

/**
 * ROOT's compression algorithms, with the two-letter tag that starts every compressed chunk and the number used
 * in {@code fCompress = 100 * algorithm + level}.
 */
public enum Compression {
    NONE("", 0),
    ZLIB("ZL", 1),
    LZMA("XZ", 2),
    LZ4("L4", 4),
    ZSTD("ZS", 5);

    private final String tag;
    private final int code;

    Compression(String tag, int code) {
        this.tag = tag;
        this.code = code;
    }

    public String tag() {
        return tag;
    }

    public int code() {
        return code;
    }

    /** The algorithm of an {@code fCompress} setting; ROOT's "global default" (0 and, since 6.14, 4xx) map as ROOT maps them. */
    public static Compression ofSetting(int fCompress) {
        if (fCompress <= 0 || fCompress % 100 == 0) {
            return NONE;
        }
        return switch (fCompress / 100) {
            case 0, 1 -> ZLIB;
            case 2 -> LZMA;
            case 4 -> LZ4;
            case 5 -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression algorithm in setting " + fCompress);
        };
    }

    /** Parses "zlib", "ZL", "lzma", "xz", "lz4", "L4", "zstd", "ZS", "none". */
    public static Compression parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "zlib", "zl", "deflate" -> ZLIB;
            case "lzma", "xz" -> LZMA;
            case "lz4", "l4" -> LZ4;
            case "zstd", "zs" -> ZSTD;
            case "none", "raw", "uncompressed", "" -> NONE;
            default -> throw new IllegalArgumentException(
                    "unknown compression '" + name + "': use one of zlib, lzma, lz4, zstd, none");
        };
    }
}
