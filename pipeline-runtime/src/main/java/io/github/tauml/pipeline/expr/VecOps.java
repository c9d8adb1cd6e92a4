package io.github.tauml.pipeline.expr;

import static io.github.tauml.pipeline.expr.CTypes.common;
import static io.github.tauml.pipeline.expr.CTypes.isFloating;
import static io.github.tauml.pipeline.expr.CTypes.isIntegral;
import static io.github.tauml.pipeline.expr.CTypes.name;
import static io.github.tauml.pipeline.expr.Node.convert;

import io.github.tauml.pipeline.expr.Node.Alt;
import io.github.tauml.pipeline.expr.Node.Binary;
import io.github.tauml.pipeline.expr.Node.Call;
import io.github.tauml.pipeline.expr.Node.Conditional;
import io.github.tauml.pipeline.expr.Node.Constant;
import io.github.tauml.pipeline.expr.Node.Head;
import io.github.tauml.pipeline.expr.Node.Lane;
import io.github.tauml.pipeline.expr.Node.Reduce;
import io.github.tauml.pipeline.expr.Node.Source;
import io.github.tauml.pipeline.expr.Node.Taken;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.rootio.tree.LeafType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typing of ROOT::VecOps' functions on RVecs (Sum, Mean, Max, Min, ArgMax, ArgMin, Any, All, Nonzero, Take,
 * DeltaPhi, DeltaR, InvariantMass) and of TTree::Draw's $-functions (Length$, Sum$, Min$, Max$, MinIf$, MaxIf$,
 * Alt$), with the result types RVec.hxx and TTreeFormula give them.
 */
final class VecOps {
    private VecOps() {
    }

    static Node call(String name, String base, List<Node> args, int position) {
        return switch (base) {
            case "Sum" -> {
                Vec v = vector(name, args.get(0), position);
                // Sum(RVec<bool>) accumulates in size_t; the others in the element type.
                LeafType t = v.type() == LeafType.BOOL ? LeafType.UINT64 : v.type();
                yield reduce(Reduction.SUM, v, t, position);
            }
            case "Mean" -> reduce(Reduction.MEAN, vector(name, args.get(0), position), LeafType.FLOAT64, position);
            case "Max" -> reduce(Reduction.MAX, vector(name, args.get(0), position), args.get(0).type(), position);
            case "Min" -> reduce(Reduction.MIN, vector(name, args.get(0), position), args.get(0).type(), position);
            case "ArgMax" -> reduce(Reduction.ARGMAX, vector(name, args.get(0), position), LeafType.UINT64, position);
            case "ArgMin" -> reduce(Reduction.ARGMIN, vector(name, args.get(0), position), LeafType.UINT64, position);
            case "Any" -> reduce(Reduction.ANY, vector(name, args.get(0), position), LeafType.BOOL, position);
            case "All" -> reduce(Reduction.ALL, vector(name, args.get(0), position), LeafType.BOOL, position);
            case "Nonzero" -> {
                Node.Nonzero z = new Node.Nonzero(vector(name, args.get(0), position), position);
                yield new Vec(List.of(z), new Lane(z, position), false, position);
            }
            case "Take" -> {
                Vec v = vector(name, args.get(0), position);
                Node i = args.get(1);
                if (!isIntegral(i.type())) {
                    throw new CompileFailure(name + " takes indices (integers), got " + name(i.type()),
                            i.position());
                }
                Source s = i instanceof Vec idx ? new Taken(v, idx, position) : new Head(v, i, position);
                yield new Vec(List.of(s), new Lane(s, position), false, position);
            }
            case "DeltaPhi" -> deltaPhi(name, args, position);
            case "DeltaR" -> deltaR(name, args, position);
            case "InvariantMass" -> invariantMass(name, args, position);
            case "InvariantMasses" -> {
                for (Node a : args) {
                    vector(name, a, position);
                }
                LeafType t = floating(name, args, position);
                yield Typing.lift(args, e -> new Call(MathFunction.INVARIANT_MASSES,
                        e.stream().map(x -> convert(x, t)).toList(), t, position), position);
            }
            default -> throw new IllegalStateException("no typing for " + name);
        };
    }

    /** The argument as a vector, or a message saying the function takes one. */
    static Vec vector(String name, Node arg, int position) {
        if (arg instanceof Vec v) {
            return v;
        }
        throw new CompileFailure(name + " takes a vector (an RVec: an array branch or an expression of one), got "
                + name(arg.type()), position);
    }

    private static Reduce reduce(Reduction kind, Vec v, LeafType type, int position) {
        return new Reduce(kind, v.sources(), List.of(v.element()), v.drawLoop(), type, position);
    }

    /** The common floating type of arguments RVec's templates want floating ({@code static_assert} in C++). */
    private static LeafType floating(String name, List<Node> args, int position) {
        LeafType t = null;
        for (Node a : args) {
            if (!isFloating(a.type())) {
                throw new CompileFailure(name + " must be called with floating point values, got " + name(a.type()),
                        a.position());
            }
            t = t == null ? a.type() : common(t, a.type());
        }
        return t;
    }

    /** DeltaPhi(v1, v2[, c]): the angle from v1 to v2 in [-c, c], c = π by default, in the arguments' type. */
    private static Node deltaPhi(String name, List<Node> args, int position) {
        LeafType t = floating(name, args, position);
        return Typing.lift(args, e -> deltaPhiOf(e.get(0), e.get(1), e.size() > 2 ? e.get(2) : null, t, position),
                position);
    }

    private static Node deltaPhiOf(Node v1, Node v2, Node c, LeafType t, int position) {
        Node bound = c != null ? convert(c, t) : pi(t, position);
        return new Call(MathFunction.DELTA_PHI, List.of(convert(v1, t), convert(v2, t), bound), t, position);
    }

    private static Node pi(LeafType t, int position) {
        return t == LeafType.FLOAT32 ? new Constant(LeafType.FLOAT32, (float) Math.PI, position)
                : new Constant(LeafType.FLOAT64, Math.PI, position);
    }

    /** DeltaR(eta1, eta2, phi1, phi2[, c]) = sqrt((eta1 - eta2)² + DeltaPhi(phi1, phi2)²), in the arguments' type. */
    private static Node deltaR(String name, List<Node> args, int position) {
        LeafType t = floating(name, args, position);
        return Typing.lift(args, e -> {
            Node d = new Binary(Operator.SUB, convert(e.get(0), t), convert(e.get(1), t), t, position);
            Node dphi = deltaPhiOf(e.get(2), e.get(3), e.size() > 4 ? e.get(4) : null, t, position);
            Node sum = new Binary(Operator.ADD, new Binary(Operator.MUL, d, d, t, position),
                    new Binary(Operator.MUL, dphi, dphi, t, position), t, position);
            return new Call(MathFunction.SQRT, List.of(sum), t, position);
        }, position);
    }

    /** InvariantMass(pt, eta, phi, mass) of all the particles of a collection, in the collections' type. */
    private static Node invariantMass(String name, List<Node> args, int position) {
        for (Node a : args) {
            vector(name, a, position);
        }
        LeafType t = floating(name, args, position);
        Set<Source> sources = new LinkedHashSet<>();
        List<Node> elements = new ArrayList<>();
        for (Node a : args) {
            Vec v = (Vec) a;
            sources.addAll(v.sources());
            elements.add(convert(v.element(), t));
        }
        return new Reduce(Reduction.INVARIANT_MASS, List.copyOf(sources), elements, false, t, position);
    }

    /** TTree::Draw's $-functions; their arguments were parsed with arrays looping implicitly. */
    static Node draw(String name, List<Node> args, int position) {
        Node f = args.get(0);
        return switch (name) {
            case "Length$" -> f instanceof Vec v ? reduce(Reduction.DRAW_LENGTH, v, LeafType.INT32, position)
                    : new Constant(LeafType.INT32, 1, position);
            case "Sum$" -> f instanceof Vec v ? reduce(Reduction.DRAW_SUM, v, LeafType.FLOAT64, position)
                    : convert(f, LeafType.FLOAT64);
            case "Min$" -> f instanceof Vec v ? reduce(Reduction.DRAW_MIN, v, LeafType.FLOAT64, position)
                    : convert(f, LeafType.FLOAT64);
            case "Max$" -> f instanceof Vec v ? reduce(Reduction.DRAW_MAX, v, LeafType.FLOAT64, position)
                    : convert(f, LeafType.FLOAT64);
            case "MinIf$", "MaxIf$" -> {
                Node c = args.get(1);
                if (!(f instanceof Vec) && !(c instanceof Vec)) {
                    yield new Conditional(c, convert(f, LeafType.FLOAT64), new Constant(LeafType.FLOAT64, 0.0,
                            position), LeafType.FLOAT64, position);
                }
                Set<Source> sources = new LinkedHashSet<>();
                List<Node> elements = new ArrayList<>();
                for (Node a : args) {
                    if (a instanceof Vec v) {
                        sources.addAll(v.sources());
                        elements.add(v.element());
                    } else {
                        elements.add(a);
                    }
                }
                yield new Reduce(name.equals("MinIf$") ? Reduction.DRAW_MIN_IF : Reduction.DRAW_MAX_IF,
                        List.copyOf(sources), elements, true, LeafType.FLOAT64, position);
            }
            case "Alt$" -> {
                Node alternate = args.get(1);
                if (f instanceof Vec || alternate instanceof Vec) {
                    throw new CompileFailure("Alt$ takes one value per entry: index the arrays, e.g."
                            + " Alt$(x[3], 0)", position);
                }
                yield new Alt(convert(f, LeafType.FLOAT64), convert(alternate, LeafType.FLOAT64),
                        LeafType.FLOAT64, position);
            }
            default -> throw new IllegalStateException("no typing for " + name);
        };
    }
}
