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
import io.github.tauml.rootio.tree.LeafType;

/** The C++ typing of operators ([expr.arith.conv]): which conversions apply and what the result type is. */
final class Typing {
    private Typing() {
    }

    static Node binary(Operator op, Node left, Node right, int position) {
        LeafType a = left.type();
        LeafType b = right.type();
        if (op == Operator.LOGICAL_AND || op == Operator.LOGICAL_OR) {
            return new Logical(op, left, right, position);
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

    /** Prefix {@code + - ! ~}. */
    static Node unary(String symbol, Node operand, int position) {
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
        LeafType a = whenTrue.type();
        LeafType b = whenFalse.type();
        LeafType t = a == b ? a : common(a, b);
        return new Conditional(condition, convert(whenTrue, t), convert(whenFalse, t), t, position);
    }
}
