package io.github.tauml.pipeline.expr;

/**
 * Static methods that generated kernels call: conversions and functions the JVM has no instruction for, and the
 * construction of evaluation failures (kept out of the generated code, which only throws what these return).
 */
final class KernelSupport {
    static final String INTERNAL_NAME = "io/github/tauml/pipeline/expr/KernelSupport";

    private KernelSupport() {
    }

    /** unsigned long long to float, rounding to nearest like C++ (a plain signed conversion is wrong above 2^63). */
    static float unsignedToFloat(long v) {
        if (v >= 0) {
            return v;
        }
        // Halve, keeping the lost bit as a sticky bit so that the single rounding below stays correct.
        return (float) ((v >>> 1) | (v & 1)) * 2f;
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** C's round: half-way cases away from zero (Math.round rounds them up, and returns an integer). */
    static double round(double x) {
        double a = Math.abs(x);
        double t = Math.floor(a);
        if (a - t >= 0.5) {
            t += 1;
        }
        return Math.copySign(t, x);
    }

    /** TMath::ASin: clamps arguments beyond ±1 to ±π/2 instead of returning NaN. */
    static double tmathASin(double x) {
        if (x < -1) {
            return -Math.PI / 2;
        }
        if (x > 1) {
            return Math.PI / 2;
        }
        return StrictMath.asin(x);
    }

    /** TMath::ACos: clamps arguments beyond ±1 to π and 0. */
    static double tmathACos(double x) {
        if (x < -1) {
            return Math.PI;
        }
        if (x > 1) {
            return 0;
        }
        return StrictMath.acos(x);
    }

    /** TMath::ATan2: on x == 0 it returns 0 or ±π/2 by y's sign alone, unlike atan2 (π for atan2(0, -0.)). */
    static double tmathATan2(double y, double x) {
        if (x != 0) {
            return StrictMath.atan2(y, x);
        }
        if (y == 0) {
            return 0;
        }
        return y > 0 ? Math.PI / 2 : -Math.PI / 2;
    }

    /** x86's cvttsd2si to 32 bits: truncation, and INT_MIN for NaN and values out of range (what g++ compiles). */
    static int cvttsd2si32(double x) {
        if (!(x > -2147483649.0 && x < 2147483648.0)) {
            return Integer.MIN_VALUE;
        }
        return (int) x;
    }

    /** x86's cvttsd2si to 64 bits: truncation, and LLONG_MIN for NaN and values out of range. */
    static long cvttsd2si64(double x) {
        if (!(x >= -0x1p63 && x < 0x1p63)) {
            return Long.MIN_VALUE;
        }
        return (long) x;
    }

    /**
     * g++'s double to unsigned long long on x86-64: values from 2^63 up convert after subtracting 2^63, with the top
     * bit flipped back; the rest (negative ones included) through the signed conversion.
     */
    static long doubleToUnsignedLong(double x) {
        if (x >= 0x1p63) {
            return cvttsd2si64(x - 0x1p63) ^ Long.MIN_VALUE;
        }
        return cvttsd2si64(x);
    }

    /**
     * RVec's DeltaPhi(v1, v2, c): {@code r = fmod(v2 - v1, 2c)}, brought into [-c, c]. For float arguments the
     * difference is rounded to float first and the result is rounded to float by the caller, as in C++ (where c is
     * the float nearest to M_PI).
     */
    static double deltaPhi(double v1, double v2, double c, boolean isFloat) {
        double d = v2 - v1;
        if (isFloat) {
            d = (float) d;
        }
        double r = d % (2.0 * c);
        if (r < -c) {
            r += 2.0 * c;
        } else if (r > c) {
            r -= 2.0 * c;
        }
        return r;
    }

    /** The most values an entry of a jagged or vector column holds in the batch: the size of scratch buffers. */
    static int longestEntry(int[] offsets, int entries) {
        int longest = 0;
        for (int i = 0; i < entries; i++) {
            longest = Math.max(longest, offsets[i + 1] - offsets[i]);
        }
        return longest;
    }

    static void clear(double[] a) {
        java.util.Arrays.fill(a, 0);
    }

    /**
     * One particle of RVec's InvariantMass(pt, eta, phi, mass): adds its (x, y, z, e) to {@code acc}, each operation
     * rounded to float for float collections as C++ computes them.
     */
    static void invariantMassAdd(double[] acc, double pt, double eta, double phi, double mass, boolean isFloat) {
        if (isFloat) {
            float x = (float) pt * (float) StrictMath.cos(phi);
            float y = (float) pt * (float) StrictMath.sin(phi);
            float z = (float) pt * (float) StrictMath.sinh(eta);
            float m = (float) mass;
            float e = (float) Math.sqrt(x * x + y * y + z * z + m * m);
            acc[0] = (float) acc[0] + x;
            acc[1] = (float) acc[1] + y;
            acc[2] = (float) acc[2] + z;
            acc[3] = (float) acc[3] + e;
            return;
        }
        double x = pt * StrictMath.cos(phi);
        double y = pt * StrictMath.sin(phi);
        double z = pt * StrictMath.sinh(eta);
        double e = Math.sqrt(x * x + y * y + z * z + mass * mass);
        acc[0] += x;
        acc[1] += y;
        acc[2] += z;
        acc[3] += e;
    }

    /** RVec's InvariantMasses for one pair of particles, each operation rounded to float for float collections. */
    static double invariantMasses(double pt1, double eta1, double phi1, double mass1, double pt2, double eta2,
                                  double phi2, double mass2, boolean isFloat) {
        if (isFloat) {
            float x1 = (float) pt1 * (float) StrictMath.cos(phi1);
            float y1 = (float) pt1 * (float) StrictMath.sin(phi1);
            float z1 = (float) pt1 * (float) StrictMath.sinh(eta1);
            float m1 = (float) mass1;
            float e1 = (float) Math.sqrt(x1 * x1 + y1 * y1 + z1 * z1 + m1 * m1);
            float x2 = (float) pt2 * (float) StrictMath.cos(phi2);
            float y2 = (float) pt2 * (float) StrictMath.sin(phi2);
            float z2 = (float) pt2 * (float) StrictMath.sinh(eta2);
            float m2 = (float) mass2;
            float e2 = (float) Math.sqrt(x2 * x2 + y2 * y2 + z2 * z2 + m2 * m2);
            float e = e1 + e2;
            float x = x1 + x2;
            float y = y1 + y2;
            float z = z1 + z2;
            return (float) Math.sqrt(e * e - x * x - y * y - z * z);
        }
        double x1 = pt1 * StrictMath.cos(phi1);
        double y1 = pt1 * StrictMath.sin(phi1);
        double z1 = pt1 * StrictMath.sinh(eta1);
        double e1 = Math.sqrt(x1 * x1 + y1 * y1 + z1 * z1 + mass1 * mass1);
        double x2 = pt2 * StrictMath.cos(phi2);
        double y2 = pt2 * StrictMath.sin(phi2);
        double z2 = pt2 * StrictMath.sinh(eta2);
        double e2 = Math.sqrt(x2 * x2 + y2 * y2 + z2 * z2 + mass2 * mass2);
        double e = e1 + e2;
        double x = x1 + x2;
        double y = y1 + y2;
        double z = z1 + z2;
        return Math.sqrt(e * e - x * x - y * y - z * z);
    }

    /** {@code sqrt(e² - x² - y² - z²)} of the sums, in float or double. */
    static double invariantMass(double[] acc, boolean isFloat) {
        if (isFloat) {
            float x = (float) acc[0];
            float y = (float) acc[1];
            float z = (float) acc[2];
            float e = (float) acc[3];
            return (float) Math.sqrt(e * e - x * x - y * y - z * z);
        }
        return Math.sqrt(acc[3] * acc[3] - acc[0] * acc[0] - acc[1] * acc[1] - acc[2] * acc[2]);
    }

    /**
     * RVec's Take(v, n): first index (high 32 bits) and count (low 32 bits) of the first n elements, or of the last
     * -n; more than the vector holds fails the entry, as RVec throws.
     */
    static long takeFirst(long n, int size, int position, int row) {
        long count = Math.abs(n);
        if (n == Long.MIN_VALUE || count > size) {
            throw new EvaluationFailure("Take of " + count + " elements from a vector of size " + size, position,
                    row);
        }
        long first = n < 0 ? size - count : 0;
        return (first << 32) | count;
    }

    /** {@code array} if it holds {@code need} values, else a copy twice as large (vector-valued columns). */
    static Object ensureCapacity(Object array, int need) {
        int length = java.lang.reflect.Array.getLength(array);
        if (need <= length) {
            return array;
        }
        int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * length + 16));
        Object copy = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), grown);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    static EvaluationFailure sizesDiffer(int position, int row, int a, int b) {
        return new EvaluationFailure("vectors of different sizes (" + a + " and " + b + "); RVec operations on two"
                + " vectors need equal sizes", position, row);
    }

    static EvaluationFailure emptyReduction(int position, int row, String function) {
        return new EvaluationFailure(function + " of an empty vector (undefined in C++); guard it, e.g. v.size() > 0"
                + " && " + function + "(v) > 1", position, row);
    }

    static EvaluationFailure vectorIndexOutOfRange(int position, int row, long index, boolean unsigned, int size) {
        return new EvaluationFailure("index " + (unsigned ? Long.toUnsignedString(index) : Long.toString(index))
                + " is out of range for a vector of size " + size, position, row);
    }

    static EvaluationFailure divisionByZero(int position, int row) {
        return new EvaluationFailure("integer division by zero", position, row);
    }

    static EvaluationFailure indexOutOfRange(int position, int row, String branch, long index, boolean unsigned,
                                             int size) {
        return new EvaluationFailure("index " + (unsigned ? Long.toUnsignedString(index) : Long.toString(index))
                + " is out of range for branch '" + branch + "' of size " + size, position, row);
    }

    /** {@code x[i][j]} with j outside inner vector i of branch x. */
    static EvaluationFailure innerIndexOutOfRange(int position, int row, String branch, int outer, long index,
                                                  boolean unsigned, int size) {
        return new EvaluationFailure("index " + (unsigned ? Long.toUnsignedString(index) : Long.toString(index))
                + " is out of range for " + branch + "[" + outer + "] (inner vector " + outer + " of branch '"
                + branch + "') of size " + size, position, row);
    }

    static EvaluationFailure shiftOutOfRange(int position, int row, long count, boolean unsigned, String type,
                                             int bits) {
        return new EvaluationFailure("shift count " + (unsigned ? Long.toUnsignedString(count) : Long.toString(count))
                + " is out of range for " + type + " (0 to " + (bits - 1) + ")", position, row);
    }
}
