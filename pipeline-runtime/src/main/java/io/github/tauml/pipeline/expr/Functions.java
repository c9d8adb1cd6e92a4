package io.github.tauml.pipeline.expr;

import static io.github.tauml.pipeline.expr.CTypes.common;
import static io.github.tauml.pipeline.expr.CTypes.isFloating;
import static io.github.tauml.pipeline.expr.CTypes.name;
import static io.github.tauml.pipeline.expr.CTypes.promote;
import static io.github.tauml.pipeline.expr.Node.convert;

import io.github.tauml.pipeline.expr.Node.Call;
import io.github.tauml.pipeline.expr.Node.Constant;
import io.github.tauml.rootio.tree.LeafType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions an expression may call, typed as overload resolution types them in C++.
 *
 * <p>{@code std::} functions, also without the prefix (ROOT's interpreter has {@code using namespace std}): float
 * arguments give float results, integer arguments are converted to double ({@code std::abs} keeps int and long long).
 * {@code TMath::} functions follow ROOT's declarations: they take and return Double_t, except Abs, Min and Max which
 * have overloads per type, and IsNaN which returns Int_t.
 *
 * <p>Where C++ would reject a call as ambiguous we are lenient, and say so in the documentation of
 * {@link Expression}: min and max with arguments of different types convert both to their common type (as if
 * {@code std::min<double>(i, x)} had been written), and TMath functions taking Double_t accept any argument.
 * {@code abs} of an unsigned type stays an error, since the call means nothing.
 */
final class Functions {
    /** The cmath functions of one argument: a float gives a float, an integer or a double a double. */
    private static final Map<String, MathFunction> STD_UNARY = Map.ofEntries(
            Map.entry("sqrt", MathFunction.SQRT), Map.entry("exp", MathFunction.EXP),
            Map.entry("log", MathFunction.LOG), Map.entry("log10", MathFunction.LOG10),
            Map.entry("sin", MathFunction.SIN), Map.entry("cos", MathFunction.COS), Map.entry("tan", MathFunction.TAN),
            Map.entry("asin", MathFunction.ASIN), Map.entry("acos", MathFunction.ACOS),
            Map.entry("atan", MathFunction.ATAN), Map.entry("sinh", MathFunction.SINH),
            Map.entry("cosh", MathFunction.COSH), Map.entry("tanh", MathFunction.TANH),
            Map.entry("floor", MathFunction.FLOOR), Map.entry("ceil", MathFunction.CEIL),
            Map.entry("round", MathFunction.ROUND));
    /** TMath's functions of one Double_t, returning Double_t. */
    private static final Map<String, MathFunction> TMATH_UNARY = Map.ofEntries(
            Map.entry("Sqrt", MathFunction.SQRT), Map.entry("Exp", MathFunction.EXP),
            Map.entry("Log", MathFunction.LOG), Map.entry("Log10", MathFunction.LOG10),
            Map.entry("Sin", MathFunction.SIN), Map.entry("Cos", MathFunction.COS), Map.entry("Tan", MathFunction.TAN),
            Map.entry("ASin", MathFunction.TMATH_ASIN), Map.entry("ACos", MathFunction.TMATH_ACOS),
            Map.entry("ATan", MathFunction.ATAN), Map.entry("SinH", MathFunction.SINH),
            Map.entry("CosH", MathFunction.COSH), Map.entry("TanH", MathFunction.TANH),
            Map.entry("Floor", MathFunction.FLOOR), Map.entry("Ceil", MathFunction.CEIL));
    /** Every spelling (bare, std:: and TMath::) and its number of arguments, sorted. */
    private static final Map<String, Integer> ARITY = arities();

    private static Map<String, Integer> arities() {
        Map<String, Integer> std = new TreeMap<>();
        STD_UNARY.keySet().forEach(s -> std.put(s, 1));
        List.of("abs", "fabs", "isnan", "isinf").forEach(s -> std.put(s, 1));
        List.of("pow", "atan2", "hypot", "min", "max").forEach(s -> std.put(s, 2));
        Map<String, Integer> all = new TreeMap<>(std);
        std.forEach((s, n) -> all.put("std::" + s, n));
        TMATH_UNARY.keySet().forEach(s -> all.put("TMath::" + s, 1));
        List.of("Abs", "IsNaN").forEach(s -> all.put("TMath::" + s, 1));
        List.of("Power", "ATan2", "Hypot", "Min", "Max").forEach(s -> all.put("TMath::" + s, 2));
        all.put("TMath::Pi", 0);
        return all;
    }

    private Functions() {
    }

    /** RVec's element-wise versions of the cmath functions (ROOT::VecOps); others take no vectors. */
    private static final Set<String> RVEC_MATH = Set.of("abs", "exp", "log", "log10", "sqrt", "sin", "cos", "tan",
            "asin", "acos", "atan", "sinh", "cosh", "tanh", "floor", "ceil", "round", "pow", "hypot", "atan2");
    /** ROOT::VecOps functions (also with the ROOT::VecOps:: or ROOT:: prefix) and their numbers of arguments. */
    private static final Map<String, int[]> VECOPS = Map.ofEntries(
            Map.entry("Sum", new int[] {1, 1}), Map.entry("Mean", new int[] {1, 1}),
            Map.entry("Max", new int[] {1, 1}), Map.entry("Min", new int[] {1, 1}),
            Map.entry("ArgMax", new int[] {1, 1}), Map.entry("ArgMin", new int[] {1, 1}),
            Map.entry("Any", new int[] {1, 1}), Map.entry("All", new int[] {1, 1}),
            Map.entry("Nonzero", new int[] {1, 1}), Map.entry("Take", new int[] {2, 2}),
            Map.entry("DeltaPhi", new int[] {2, 3}), Map.entry("DeltaR", new int[] {4, 5}),
            Map.entry("InvariantMass", new int[] {4, 4}), Map.entry("InvariantMasses", new int[] {8, 8}));
    /** TTree::Draw's functions of formulas and their numbers of arguments. */
    private static final Map<String, Integer> DRAW = Map.of("Length$", 1, "Sum$", 1, "Min$", 1, "Max$", 1,
            "MinIf$", 2, "MaxIf$", 2, "Alt$", 2);

    /** Whether calls of {@code name} loop over array elements implicitly, as TTree::Draw's $-functions do. */
    static boolean isDrawFunction(String name) {
        return DRAW.containsKey(name);
    }

    /** The call of {@code name} (as written, with its namespace) on {@code args}. */
    static Node call(String name, List<Node> args, int position) {
        String vecops = name.startsWith("ROOT::VecOps::") ? name.substring("ROOT::VecOps::".length())
                : name.startsWith("ROOT::") ? name.substring("ROOT::".length()) : name;
        if (VECOPS.containsKey(vecops)) {
            int[] arity = VECOPS.get(vecops);
            if (args.size() < arity[0] || args.size() > arity[1]) {
                throw new CompileFailure(name + " takes " + (arity[0] == arity[1] ? arity[0] + ""
                        : arity[0] + " or " + arity[1]) + (arity[1] == 1 ? " argument" : " arguments") + ", got "
                        + args.size(), position);
            }
            return VecOps.call(name, vecops, args, position);
        }
        if (DRAW.containsKey(name)) {
            if (args.size() != DRAW.get(name)) {
                throw new CompileFailure(name + " takes " + DRAW.get(name) + (DRAW.get(name) == 1 ? " argument"
                        : " arguments") + ", got " + args.size(), position);
            }
            return VecOps.draw(name, args, position);
        }
        if (!vecops.equals(name) && !name.startsWith("ROOT::Math::")) {
            // ROOT::VecOps::sqrt(v) and the like: the element-wise cmath functions.
            name = vecops;
        }
        if (args.stream().anyMatch(a -> a instanceof Node.Vec)) {
            return vectorMath(name, args, position);
        }
        Integer arity = ARITY.get(name);
        if (arity == null) {
            String close = Suggestions.didYouMean(name, ARITY.keySet());
            throw new CompileFailure("unknown function '" + name + "'" + (close.isEmpty()
                    ? "; known functions: " + knownFunctions() : close), position);
        }
        if (args.size() != arity) {
            throw new CompileFailure(name + " takes " + (arity == 0 ? "no arguments" : arity == 1 ? "1 argument"
                    : arity + " arguments") + ", got " + args.size(), position);
        }
        return name.startsWith("TMath::")
                ? tmath(name, name.substring("TMath::".length()), args, position)
                : std(name, name.startsWith("std::") ? name.substring("std::".length()) : name, args, position);
    }

    /**
     * A cmath function applied element-wise: RVec's versions give float for float elements and double otherwise
     * (PromoteType); inside a TTree::Draw function every function applies element-wise.
     */
    private static Node vectorMath(String name, List<Node> args, int position) {
        boolean draw = args.stream().anyMatch(a -> a instanceof Node.Vec v && v.drawLoop());
        String base = name.startsWith("std::") ? name.substring("std::".length()) : name;
        if (!draw && !RVEC_MATH.contains(base)) {
            throw new CompileFailure(name + " takes numbers, not vectors; RVec has element-wise "
                    + String.join(", ", new java.util.TreeSet<>(RVEC_MATH)), position);
        }
        return Typing.lift(args, e -> {
            Node r = call(name, e, position);
            return draw || isFloating(r.type()) ? r : convert(r, LeafType.FLOAT64);
        }, position);
    }

    /** Every function once: the std ones without their optional prefix, then TMath's. */
    private static String knownFunctions() {
        List<String> bare = ARITY.keySet().stream().filter(s -> !s.contains("::")).toList();
        List<String> tmath = ARITY.keySet().stream().filter(s -> s.startsWith("TMath::")).toList();
        return String.join(", ", bare) + " (also with std::), " + String.join(", ", tmath) + "; on vectors "
                + String.join(", ", new TreeMap<>(VECOPS).keySet()) + " (also with ROOT::VecOps::); in TTree::Draw"
                + " style " + String.join(", ", new TreeMap<>(DRAW).keySet());
    }

    private static Node std(String name, String base, List<Node> args, int position) {
        Node x = args.get(0);
        LeafType t = x.type();
        MathFunction unary = STD_UNARY.get(base);
        if (unary != null) {
            return sameOrDouble(unary, x, position);
        }
        return switch (base) {
            case "abs" -> abs(name, x, position, false);
            case "fabs" -> sameOrDouble(MathFunction.ABS, x, position);
            case "isnan" -> new Call(MathFunction.ISNAN, args, LeafType.BOOL, position);
            case "isinf" -> new Call(MathFunction.ISINF, args, LeafType.BOOL, position);
            case "pow" -> floatOrDouble(MathFunction.POW, args, position);
            case "atan2" -> floatOrDouble(MathFunction.ATAN2, args, position);
            case "hypot" -> floatOrDouble(MathFunction.HYPOT, args, position);
            // std::min is a template on one type T: two arguments of the same type keep it, even bool or short.
            case "min" -> minMax(MathFunction.MIN, args, sameOrCommon(args), position);
            case "max" -> minMax(MathFunction.MAX, args, sameOrCommon(args), position);
            default -> throw new IllegalStateException("no typing for " + name + " of " + name(t));
        };
    }

    private static Node tmath(String name, String base, List<Node> args, int position) {
        MathFunction unary = TMATH_UNARY.get(base);
        if (unary != null) {
            return new Call(unary, toDouble(args), LeafType.FLOAT64, position);
        }
        return switch (base) {
            case "Pi" -> new Constant(LeafType.FLOAT64, Math.PI, position);
            case "Abs" -> abs(name, args.get(0), position, true);
            case "IsNaN" -> {
                Node x = args.get(0);
                yield new Call(MathFunction.ISNAN, List.of(x.type() == LeafType.FLOAT32 ? x
                        : convert(x, LeafType.FLOAT64)), LeafType.INT32, position);
            }
            case "Power" -> new Call(MathFunction.POW, toDouble(args), LeafType.FLOAT64, position);
            case "ATan2" -> new Call(MathFunction.TMATH_ATAN2, toDouble(args), LeafType.FLOAT64, position);
            case "Hypot" -> new Call(MathFunction.HYPOT, toDouble(args), LeafType.FLOAT64, position);
            case "Min" -> minMax(MathFunction.TMATH_MIN, args, tmathMinMaxType(args), position);
            case "Max" -> minMax(MathFunction.TMATH_MAX, args, tmathMinMaxType(args), position);
            default -> throw new IllegalStateException("no typing for " + name);
        };
    }

    /**
     * std::abs has int, long long, float and double overloads (smaller types promote to int); TMath::Abs also has a
     * Short_t one. Unsigned arguments match no overload better than another: C++ rejects the call as ambiguous.
     */
    private static Node abs(String name, Node x, int position, boolean hasShortOverload) {
        LeafType t = x.type();
        if (isFloating(t)) {
            return new Call(MathFunction.ABS, List.of(x), t, position);
        }
        if (hasShortOverload && t == LeafType.INT16) {
            return new Call(MathFunction.ABS, List.of(x), t, position);
        }
        LeafType p = promote(t);
        if (p.isUnsigned()) {
            throw new CompileFailure(name + "(" + name(t) + ") is ambiguous in C++: no overload takes an unsigned type",
                    position);
        }
        return new Call(MathFunction.ABS, List.of(convert(x, p)), p, position);
    }

    /** The cmath pattern for one argument: float gives float, double and integers give double. */
    private static Node sameOrDouble(MathFunction f, Node x, int position) {
        LeafType t = isFloating(x.type()) ? x.type() : LeafType.FLOAT64;
        return new Call(f, List.of(convert(x, t)), t, position);
    }

    /** The cmath pattern for two arguments: float only if both are float. */
    private static Node floatOrDouble(MathFunction f, List<Node> args, int position) {
        boolean floats = args.get(0).type() == LeafType.FLOAT32 && args.get(1).type() == LeafType.FLOAT32;
        LeafType t = floats ? LeafType.FLOAT32 : LeafType.FLOAT64;
        return new Call(f, List.of(convert(args.get(0), t), convert(args.get(1), t)), t, position);
    }

    private static LeafType sameOrCommon(List<Node> args) {
        LeafType a = args.get(0).type();
        LeafType b = args.get(1).type();
        return a == b ? a : common(a, b);
    }

    /** TMath::Min/Max overloads exist from Short_t up; bool and char arguments promote to the Int_t one. */
    private static LeafType tmathMinMaxType(List<Node> args) {
        LeafType t = sameOrCommon(args);
        return t == LeafType.BOOL || t == LeafType.INT8 || t == LeafType.UINT8 ? LeafType.INT32 : t;
    }

    private static Node minMax(MathFunction f, List<Node> args, LeafType t, int position) {
        return new Call(f, List.of(convert(args.get(0), t), convert(args.get(1), t)), t, position);
    }

    private static List<Node> toDouble(List<Node> args) {
        List<Node> out = new ArrayList<>();
        for (Node a : args) {
            out.add(convert(a, LeafType.FLOAT64));
        }
        return out;
    }
}
