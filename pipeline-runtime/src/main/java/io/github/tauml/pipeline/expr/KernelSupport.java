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

    static EvaluationFailure divisionByZero(int position, int row) {
        return new EvaluationFailure("integer division by zero", position, row);
    }

    static EvaluationFailure indexOutOfRange(int position, int row, String branch, long index, boolean unsigned,
                                             int size) {
        return new EvaluationFailure("index " + (unsigned ? Long.toUnsignedString(index) : Long.toString(index))
                + " is out of range for branch '" + branch + "' of size " + size, position, row);
    }

    static EvaluationFailure shiftOutOfRange(int position, int row, long count, boolean unsigned, String type,
                                             int bits) {
        return new EvaluationFailure("shift count " + (unsigned ? Long.toUnsignedString(count) : Long.toString(count))
                + " is out of range for " + type + " (0 to " + (bits - 1) + ")", position, row);
    }
}
