package io.github.tauml.rootio.streamer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ROOT stores a {@code Double32_t} or {@code Float16_t} value, decided by the optional range
 * {@code [xmin,xmax,nbits]} in the member's comment or the leaf's title (ROOT's {@code TStreamerElement::GetRange},
 * {@code TBufferFile::ReadDouble32}/{@code ReadFloat16}):
 * <ul>
 *   <li>a range with {@code xmin < xmax}: a 4-byte unsigned integer {@code k}, value {@code xmin + k / factor} with
 *       {@code factor = 2^nbits / (xmax - xmin)} ({@code 0xffffffff / (xmax - xmin)} for 32 bits);</li>
 *   <li>no range but {@code nbits < 15}, and every {@code Float16_t} without a range (12 bits by default): 3 bytes,
 *       the float's exponent byte and a mantissa truncated to {@code nbits} bits with the sign above it;</li>
 *   <li>a {@code Double32_t} without either: a 4-byte float.</li>
 * </ul>
 * Values decode to the truncated numbers as stored (§ Double32/Float16 of root-format.md), never the originals.
 *
 * @param float16 true for {@code Float16_t} (decodes to {@code float}), false for {@code Double32_t} ({@code double})
 * @param xmin    lower end of the range (0 without one)
 * @param factor  scale of the integer encoding, 0 when there is no range
 * @param nbits   mantissa bits of the 3-byte encoding, 0 for a plain float
 */
public record PackedReal(boolean float16, double xmin, double factor, int nbits) {
    private static final Pattern NUMBER_PI = Pattern.compile("([+-]?)([0-9.eE+-]*?)\\*?(pi)?(?:/([0-9.]+))?");

    /** The encoding for a member or leaf whose comment/title is {@code comment} (may be null or empty). */
    public static PackedReal of(String comment, boolean float16) {
        double xmin = 0;
        double xmax = 0;
        double factor = 0;
        int nbits = 32;
        String c = comment == null ? "" : comment;
        int left = c.indexOf('[');
        int right = left < 0 ? -1 : c.indexOf(']', left);
        int comma = left < 0 ? -1 : c.indexOf(',', left);
        if (left >= 0 && right >= 0 && (comma < 0 || comma > right)) {
            // The first bracket was a dimension ([3]); the range may follow it.
            left = c.indexOf('[', right);
            right = left < 0 ? -1 : c.indexOf(']', left);
            comma = left < 0 ? -1 : c.indexOf(',', left);
        }
        if (left >= 0 && right >= 0 && comma >= 0 && comma < right) {
            int comma2 = c.indexOf(',', comma + 1);
            int end = right;
            if (comma2 >= 0 && comma2 < right) {
                try {
                    nbits = Integer.parseInt(c.substring(comma2 + 1, right).trim());
                } catch (NumberFormatException e) {
                    nbits = 32;
                }
                if (nbits < 2 || nbits > 32) {
                    nbits = 32;
                }
                end = comma2;
            }
            xmin = bound(c.substring(left + 1, comma));
            xmax = bound(c.substring(comma + 1, end));
            double bigint = nbits < 32 ? (double) (1L << nbits) : 0xffffffffL;
            if (xmin < xmax) {
                factor = bigint / (xmax - xmin);
            }
            if (xmin >= xmax && nbits < 15) {
                xmin = nbits + 0.1;
            }
        }
        if (factor != 0) {
            return new PackedReal(float16, xmin, factor, 0);
        }
        int bits = (int) xmin;
        if (float16 && bits == 0) {
            bits = 12;
        }
        return new PackedReal(float16, 0, 0, bits);
    }

    /** A bound as ROOT parses it: a number, or a multiple/fraction of pi ({@code -pi}, {@code 2*pi}, {@code pi/2}). */
    private static double bound(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!t.contains("pi")) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        Matcher m = NUMBER_PI.matcher(t);
        if (!m.matches()) {
            return 0;
        }
        double v = Math.PI;
        if (!m.group(2).isEmpty()) {
            v *= Double.parseDouble(m.group(2));
        }
        if (m.group(4) != null) {
            v /= Double.parseDouble(m.group(4));
        }
        return "-".equals(m.group(1)) ? -v : v;
    }

    /** Bytes per value on disk: 4, or 3 for the truncated-mantissa encoding. */
    public int width() {
        return factor == 0 && nbits != 0 ? 3 : 4;
    }

    /** Decodes one value at {@code b[off]} (big-endian). */
    public double decode(byte[] b, int off) {
        if (factor != 0) {
            long k = ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                    | (b[off + 3] & 0xFF);
            double v = k / factor + xmin;
            return float16 ? (float) v : v;
        }
        if (nbits == 0) {
            return Float.intBitsToFloat(((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                    | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
        }
        int exp = b[off] & 0xFF;
        int man = ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
        int bits = exp << 23;
        bits |= (man & ((1 << (nbits + 1)) - 1)) << (23 - nbits);
        float f = Float.intBitsToFloat(bits);
        if (((1 << (nbits + 1)) & man) != 0) {
            f = -f;
        }
        return f;
    }
}
