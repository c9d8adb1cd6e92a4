package io.github.tauml.rootio;

import io.github.tauml.rootio.tree.Branch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Published reference numbers for {@code Double32_t}/{@code Float16_t} branches, turned into the values ROOT decodes
 * from the same stored integers, and the tolerance to compare them with (README of
 * {@code ../shared/testdata/root/field}). Shared through root-io's test jar with the tests of other modules that
 * compare against the same references.
 * <p>
 * Two kinds of numbers the uproot project publishes are not computed the way ROOT computes them: a 32-bit
 * Double32 range, which ROOT scales by {@code 0xffffffff} ({@code TStreamerElement::GetRange}) and uproot by
 * {@code 2^32}, and Float16 ranges, which ROOT evaluates in double precision before rounding to float
 * ({@code TBufferFile::ReadFastArrayWithFactor}) and uproot in float. For those the stored integer is recovered from
 * the published value with uproot's arithmetic and turned into ROOT's value. Every other value is ROOT's already.
 */
public final class PackedReference {
    private static final Pattern RANGE = Pattern.compile("\\[([-+0-9.eE]+),([-+0-9.eE]+),([0-9]+)]");

    /** Relative tolerance for Double32/Float16 values: the truncated values as stored, printed to 17 digits. */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    private PackedReference() {
    }

    /** Whether the branch holds Double32_t or Float16_t values. */
    public static boolean isPacked(Branch b) {
        return b.layout().packing() != null;
    }

    /**
     * A published value of branch {@code b} as ROOT computes it from the same stored integer (see the class
     * comment); {@code published} itself for every other branch and for packings both compute alike.
     */
    public static double asRoot(Branch b, double published) {
        if (!isPacked(b)) {
            return published;
        }
        Matcher m = RANGE.matcher(b.title());
        if (!m.find()) {
            return published;
        }
        double xmin = Double.parseDouble(m.group(1));
        double range = Double.parseDouble(m.group(2)) - xmin;
        int nbits = Integer.parseInt(m.group(3));
        if (b.layout().packing().float16()) {
            double factor = (1L << nbits) / range;
            long k = Math.round((published - xmin) * factor);
            return (float) (k / factor + xmin);
        }
        if (nbits == 32) {
            long k = Math.round((published - xmin) * (1L << 32) / range);
            return k / (0xffffffffL / range) + xmin;
        }
        return published;
    }

    /** The absolute tolerance for one value of {@code b} expected to be {@code expected}: 0 (exact) unless packed. */
    public static double tolerance(Branch b, double expected) {
        return isPacked(b) ? RELATIVE_TOLERANCE * Math.abs(expected) : 0;
    }
}
