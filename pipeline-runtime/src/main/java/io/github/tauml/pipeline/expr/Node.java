package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.LeafType;
import java.util.List;

/**
 * The typed tree of a compiled expression. Every implicit C++ conversion is an explicit {@link Convert}, so that
 * code generation never has to reason about types beyond the node it is at. Positions are offsets into the source.
 */
sealed interface Node {

    LeafType type();

    int position();

    /** A branch used by the expression; {@code index} is its slot in the arrays handed to the kernel. */
    record BranchRef(String name, int index, ColumnType column) {
    }

    /** A literal; {@code value} is an Integer (bool, int, unsigned int), Long, Float or Double. */
    record Constant(LeafType type, Number value, int position) implements Node {
    }

    /** A scalar branch's value in the current entry. */
    record Load(BranchRef branch, int position) implements Node {
        @Override
        public LeafType type() {
            return branch.column().type();
        }
    }

    /** {@code x[i]}; {@code position} is the bracket's. */
    record Element(BranchRef branch, Node index, int position) implements Node {
        @Override
        public LeafType type() {
            return branch.column().type();
        }
    }

    /** {@code x.size()}, a {@code size_t}. */
    record Size(BranchRef branch, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.UINT64;
        }
    }

    /** A value-preserving (or C++-wrapping) conversion between arithmetic types. */
    record Convert(Node operand, LeafType type) implements Node {
        @Override
        public int position() {
            return operand.position();
        }
    }

    /** {@code -x} or {@code ~x}, on an operand already promoted to {@code type}. */
    record Unary(Operator op, Node operand, LeafType type, int position) implements Node {
    }

    /** {@code !x}. */
    record Not(Node operand, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }
    }

    /**
     * Arithmetic and bitwise operators: both operands already have {@code type}. Shifts are the exception: each operand
     * is promoted on its own and the result has the left one's type.
     */
    record Binary(Operator op, Node left, Node right, LeafType type, int position) implements Node {
    }

    /** A comparison of two operands already converted to the same type. */
    record Compare(Operator op, Node left, Node right, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }
    }

    /** {@code &&} or {@code ||}, short-circuiting. */
    record Logical(Operator op, Node left, Node right, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }
    }

    /** {@code c ? a : b}, with both branches already converted to {@code type}. */
    record Conditional(Node condition, Node whenTrue, Node whenFalse, LeafType type, int position) implements Node {
    }

    /** A math function on arguments already converted to the types it computes in. */
    record Call(MathFunction function, List<Node> arguments, LeafType type, int position) implements Node {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code operand} converted to {@code type}, or itself if it has that type already. */
    static Node convert(Node operand, LeafType type) {
        return operand.type() == type ? operand : new Convert(operand, type);
    }
}
