package io.github.tauml.pipeline.expr;

/**
 * What a function call computes, independent of how it was spelled ({@code sqrt}, {@code std::sqrt},
 * {@code TMath::Sqrt}). Most are a static {@code double} method; the float overloads of the std functions call it
 * and round the result to float. StrictMath makes results the same on every JVM and machine.
 */
enum MathFunction {
    SQRT("java/lang/Math", "sqrt", 1),
    EXP("java/lang/StrictMath", "exp", 1),
    LOG("java/lang/StrictMath", "log", 1),
    LOG10("java/lang/StrictMath", "log10", 1),
    SIN("java/lang/StrictMath", "sin", 1),
    COS("java/lang/StrictMath", "cos", 1),
    TAN("java/lang/StrictMath", "tan", 1),
    ASIN("java/lang/StrictMath", "asin", 1),
    ACOS("java/lang/StrictMath", "acos", 1),
    ATAN("java/lang/StrictMath", "atan", 1),
    SINH("java/lang/StrictMath", "sinh", 1),
    COSH("java/lang/StrictMath", "cosh", 1),
    TANH("java/lang/StrictMath", "tanh", 1),
    FLOOR("java/lang/Math", "floor", 1),
    CEIL("java/lang/Math", "ceil", 1),
    ROUND(KernelSupport.INTERNAL_NAME, "round", 1),
    POW("java/lang/StrictMath", "pow", 2),
    ATAN2("java/lang/StrictMath", "atan2", 2),
    HYPOT("java/lang/StrictMath", "hypot", 2),
    TMATH_ASIN(KernelSupport.INTERNAL_NAME, "tmathASin", 1),
    TMATH_ACOS(KernelSupport.INTERNAL_NAME, "tmathACos", 1),
    TMATH_ATAN2(KernelSupport.INTERNAL_NAME, "tmathATan2", 2),
    /** {@code |x|} in the call's type: int, long long, float, double, or short for TMath::Abs(Short_t). */
    ABS(null, null, 1),
    /** bool for std::isnan, int for TMath::IsNaN; false for an integer argument. */
    ISNAN(null, null, 1),
    ISINF(null, null, 1),
    /** {@code (b < a) ? b : a}, as std::min does. */
    MIN(null, null, 2),
    /** {@code (a < b) ? b : a}, as std::max does. */
    MAX(null, null, 2),
    /** {@code a <= b ? a : b}, as TMath::Min does: it differs from std::min when an argument is NaN. */
    TMATH_MIN(null, null, 2),
    /** {@code a >= b ? a : b}, as TMath::Max does. */
    TMATH_MAX(null, null, 2),
    /** RVec's DeltaPhi(v1, v2, c), in the call's type (float or double). */
    DELTA_PHI(null, null, 3),
    /** RVec's InvariantMasses: the mass of each pair (pt1, eta1, phi1, mass1) + (pt2, eta2, phi2, mass2). */
    INVARIANT_MASSES(null, null, 8);

    private final String owner;
    private final String method;
    private final int arity;

    MathFunction(String owner, String method, int arity) {
        this.owner = owner;
        this.method = method;
        this.arity = arity;
    }

    /** Internal name of the class of the static {@code double} method, or null for those generated inline. */
    String owner() {
        return owner;
    }

    String method() {
        return method;
    }

    String descriptor() {
        return arity == 1 ? "(D)D" : "(DD)D";
    }
}
