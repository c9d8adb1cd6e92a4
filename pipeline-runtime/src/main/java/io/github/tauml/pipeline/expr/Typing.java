package io.github.tauml.pipeline.expr;

import static io.github.tauml.pipeline.expr.CTypes.common;
import static io.github.tauml.pipeline.expr.CTypes.isIntegral;
import static io.github.tauml.pipeline.expr.CTypes.name;
import static io.github.tauml.pipeline.expr.CTypes.promote;
import static io.github.tauml.pipeline.expr.Node.convert;

import io.github.tauml.pipeline.expr.Node.Binary;
import io.github.tauml.pipeline.expr.Node.Compare;
import io.github.tauml.pipeline.expr.Node.Conditional;
import io.github.tauml.pipeline.expr.Node.Logical;
import io.github.tauml.pipeline.expr.Node.Not;
import io.github.tauml.pipeline.expr.Node.Unary;
import io.github.tauml.pipeline.expr.Node.Cast;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.rootio.tree.LeafType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The C++ typing of operators ([expr.arith.conv]): which conversions apply and what the result type is. */
final class Typing {
    private Typing() {
    }

    static Node binary(Operator op, Node left, Node right, int position) {
        if (left instanceof Vec || right instanceof Vec) {
            if (op == Operator.SHL || op == Operator.SHR) {
                throw new CompileFailure("operator '" + op.symbol() + "' is not defined on vectors (RVec has no"
                        + " shift operators)", position);
            }
            return lift(List.of(left, right), e -> {
                Node r = binary(op, e.get(0), e.get(1), position);
                // RVec's comparison and logical operators give RVec<int> (not RVec<bool>).
                return r.type() == LeafType.BOOL && !drawLoop(left, right) ? convert(r, LeafType.INT32) : r;
            }, position);
        }
        LeafType a = left.type();
        LeafType b = right.type();
        if (op == Operator.LOGICAL_AND || op == Operator.LOGICAL_OR) {
            // A chain a || b || c stays flat: one node with the operands in order.
            List<Node> operands = new ArrayList<>();
            if (left instanceof Logical l && l.op() == op) {
                operands.addAll(l.operands());
            } else {
                operands.add(left);
            }
            operands.add(right);
            return new Logical(op, operands, left instanceof Logical l && l.op() == op ? l.position() : position);
        }
        if ((op.isBitwise() || op == Operator.REM) && !(isIntegral(a) && isIntegral(b))) {
            throw new CompileFailure("operator '" + op.symbol() + "' needs integer operands, got " + name(a) + " and "
                    + name(b), position);
        }
        if (op == Operator.SHL || op == Operator.SHR) {
            // Each operand is promoted on its own: 1u << 40LL is an unsigned int.
            LeafType t = promote(a);
            return new Binary(op, convert(left, t), convert(right, promote(b)), t, position);
        }
        LeafType t = common(a, b);
        if (op.isComparison()) {
            return new Compare(op, convert(left, t), convert(right, t), position);
        }
        return new Binary(op, convert(left, t), convert(right, t), t, position);
    }

    /** {@code a || b || c ...} (or {@code &&}): one flat node, unless vectors make it element-wise. */
    static Node chain(Operator op, List<Node> terms, int position) {
        if (terms.stream().anyMatch(x -> x instanceof Vec)) {
            Node left = terms.get(0);
            for (Node right : terms.subList(1, terms.size())) {
                left = binary(op, left, right, position);
            }
            return left;
        }
        List<Node> grouped = groupEqualities(op, terms);
        return grouped.size() == 1 ? grouped.get(0) : new Logical(op, grouped, position);
    }

    /** Runs shorter than this stay comparisons. */
    private static final int MIN_SET = 4;

    /**
     * Consecutive terms {@code x == k} of an || chain (or {@code x != k} of an && chain) comparing the same int-held
     * operand with integer constants become one {@link Node.InSet} (negated for &&): same value, the operand being
     * free of side effects and failures (a branch, possibly converted).
     */
    private static List<Node> groupEqualities(Operator op, List<Node> terms) {
        Operator eq = op == Operator.LOGICAL_OR ? Operator.EQ : Operator.NE;
        List<Node> out = new ArrayList<>();
        int i = 0;
        while (i < terms.size()) {
            Node x = setOperand(terms.get(i), eq);
            int j = i;
            while (x != null && j < terms.size() && sameOperand(x, setOperand(terms.get(j), eq))) {
                j++;
            }
            if (x == null || j - i < MIN_SET) {
                out.add(terms.get(i));
                i++;
                continue;
            }
            java.util.TreeSet<Integer> keys = new java.util.TreeSet<>();
            for (Node t : terms.subList(i, j)) {
                keys.add(constantOf((Compare) t).intValue());
            }
            Node set = new Node.InSet(x, keys.stream().mapToInt(Integer::intValue).toArray(), terms.get(i).position());
            out.add(op == Operator.LOGICAL_OR ? set : new Not(set, set.position()));
            i = j;
        }
        return out;
    }

    /** The non-constant side of {@code term} if it is {@code x op constant} on int-held integers, else null. */
    private static Node setOperand(Node term, Operator op) {
        if (!(term instanceof Compare c) || c.op() != op || !(c.left().type() == LeafType.INT32
                || c.left().type() == LeafType.UINT32)) {
            return null;
        }
        Node x = c.right() instanceof Node.Constant ? c.left() : c.left() instanceof Node.Constant ? c.right() : null;
        Node inner = x instanceof Node.Convert conv ? conv.operand() : x;
        return inner instanceof Node.Load ? x : null;
    }

    /** The same branch read the same way (positions aside). */
    private static boolean sameOperand(Node a, Node b) {
        if (b == null || a.type() != b.type()) {
            return false;
        }
        Node la = a instanceof Node.Convert c ? c.operand() : a;
        Node lb = b instanceof Node.Convert c ? c.operand() : b;
        return ((Node.Load) la).branch().equals(((Node.Load) lb).branch());
    }

    private static Number constantOf(Compare c) {
        return c.right() instanceof Node.Constant k ? k.value() : ((Node.Constant) c.left()).value();
    }

    /** Prefix {@code + - ! ~}; on an RVec<T> the result is again an RVec<T>, each element converted back to T. */
    static Node unary(String symbol, Node operand, int position) {
        if (operand instanceof Vec v) {
            return lift(List.of(operand), e -> {
                Node r = unary(symbol, e.get(0), position);
                return v.drawLoop() || r.type() == e.get(0).type() ? r : new Cast(r, e.get(0).type(), position);
            }, position);
        }
        LeafType t = promote(operand.type());
        return switch (symbol) {
            case "!" -> new Not(operand, position);
            case "+" -> convert(operand, t);
            case "-" -> new Unary(Operator.NEG, convert(operand, t), t, position);
            case "~" -> {
                if (!isIntegral(operand.type())) {
                    throw new CompileFailure("operator '~' needs an integer operand, got " + name(operand.type()),
                            position);
                }
                yield new Unary(Operator.COMPLEMENT, convert(operand, t), t, position);
            }
            default -> throw new IllegalArgumentException("not a unary operator: " + symbol);
        };
    }

    /** Operands of the same type keep it (even short or bool); others meet in their common type. */
    static Node conditional(Node condition, Node whenTrue, Node whenFalse, int position) {
        if (drawLoop(condition, whenTrue, whenFalse)) {
            // Inside a TTree::Draw function the conditional applies to each instance.
            return lift(List.of(condition, whenTrue, whenFalse), e -> conditional(e.get(0), e.get(1), e.get(2),
                    position), position);
        }
        if (condition instanceof Vec || whenTrue instanceof Vec || whenFalse instanceof Vec) {
            throw new CompileFailure("'?:' takes no vectors (an RVec has no truth value); reduce the vector first,"
                    + " e.g. Any(v > 1) ? a : b", position);
        }
        LeafType a = whenTrue.type();
        LeafType b = whenFalse.type();
        LeafType t = a == b ? a : common(a, b);
        return new Conditional(condition, convert(whenTrue, t), convert(whenFalse, t), t, position);
    }

    private static boolean drawLoop(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Vec v && v.drawLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * An element-wise operation on operands of which at least one is a vector: a vector whose element applies
     * {@code op} to the operands' elements (scalars are the same for every element), over all their sources.
     */
    static Node lift(List<Node> operands, Function<List<Node>, Node> op, int position) {
        if (operands.stream().noneMatch(o -> o instanceof Vec)) {
            return op.apply(operands);
        }
        Set<Node.Source> sources = new LinkedHashSet<>();
        List<Node> elements = new ArrayList<>();
        boolean draw = false;
        for (Node o : operands) {
            if (o instanceof Vec v) {
                sources.addAll(v.sources());
                elements.add(v.element());
                draw |= v.drawLoop();
            } else {
                elements.add(o);
            }
        }
        return new Vec(List.copyOf(sources), op.apply(elements), draw, position);
    }
}
