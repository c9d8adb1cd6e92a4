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

    /**
     * {@code x[i][j]} of a {@code vector<vector<T>>} branch: the outer index is checked against the entry's number of
     * inner vectors, the inner one against the size of inner vector i; {@code position} is the first bracket's,
     * {@code innerPosition} the second's.
     */
    record NestedElement(BranchRef branch, Node index, Node inner, int position, int innerPosition) implements Node {
        @Override
        public LeafType type() {
            return branch.column().type();
        }
    }

    /** {@code x[i].size()} of a {@code vector<vector<T>>} branch, a {@code size_t}; {@code position} is the bracket's. */
    record InnerSize(BranchRef branch, Node index, int position) implements Node {
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

    /**
     * {@code a && b && c ...} or {@code a || b || ...}, short-circuiting: a flat chain (operands in source order), so
     * that a generated selection of thousands of terms is a list, not a tree thousands of levels deep.
     */
    record Logical(Operator op, List<Node> operands, int position) implements Node {
        public Logical {
            operands = List.copyOf(operands);
        }

        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }
    }

    /**
     * An explicit conversion, {@code (int) x}, {@code int(x)} or {@code static_cast<int>(x)}, narrowing included, as
     * g++ compiles it on x86-64: integers wrap to the target's width, a floating value truncates toward zero, and one
     * the target cannot hold (NaN, out of range) converts as the x86 instruction does (to INT_MIN for int, 0 for
     * short and char, and so on); to bool, non-zero and NaN are true.
     */
    record Cast(Node operand, LeafType type, int position) implements Node {
    }

    /** A kernel-local variable (a reduction's accumulator or lane index), given a slot when code is generated. */
    record Var(LeafType type, int[] slot, int position) implements Node {
        Var(LeafType type, int position) {
            this(type, new int[] {-1}, position);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * A vector value (an RVec, or the instances of a TTree::Draw formula): element i is {@code element} evaluated with
     * every {@link Lane} of {@code sources} at index i. The sources must have equal sizes (RVec's rule; different
     * sizes fail the entry) or, for a TTree::Draw formula ({@code drawLoop}), the shortest one decides.
     */
    record Vec(List<Source> sources, Node element, boolean drawLoop, int position) implements Node {
        public Vec {
            sources = List.copyOf(sources);
        }

        @Override
        public LeafType type() {
            return element.type();
        }
    }

    /** Element of a vector source at the current index of the vector being evaluated. */
    record Lane(Source source, int position) implements Node {
        @Override
        public LeafType type() {
            return source.type();
        }
    }

    /** Where a vector's elements come from: a branch, or a vector computed into a scratch buffer per entry. */
    sealed interface Source {
        LeafType type();
    }

    /** The elements of an array or vector branch in the current entry. */
    record BranchSource(BranchRef branch) implements Source {
        @Override
        public LeafType type() {
            return branch.column().type();
        }
    }

    /** {@code v[mask]}: the elements whose mask element is non-zero (RVec: sizes must be equal). */
    record Filtered(Vec values, Vec mask, int position) implements Source {
        @Override
        public LeafType type() {
            return values.type();
        }
    }

    /** {@code Take(v, indices)}: v's elements at the given indices (size_t), each checked against v's size. */
    record Taken(Vec values, Vec indices, int position) implements Source {
        @Override
        public LeafType type() {
            return values.type();
        }
    }

    /** {@code Take(v, n)}: the first n elements, or the last -n if n is negative; |n| > size fails the entry. */
    record Head(Vec values, Node count, int position) implements Source {
        @Override
        public LeafType type() {
            return values.type();
        }
    }

    /** {@code Nonzero(v)}: the indices (size_t) of v's non-zero elements. */
    record Nonzero(Vec values, int position) implements Source {
        @Override
        public LeafType type() {
            return LeafType.UINT64;
        }
    }

    /**
     * A reduction of one or several zipped vectors to one value per entry: RVec's Sum, Mean, Max, ..., TTree::Draw's
     * Sum$, Min$, ..., {@code size()} of a computed vector, InvariantMass.
     */
    record Reduce(Reduction kind, List<Source> sources, List<Node> elements, boolean drawLoop, LeafType type,
                  int position) implements Node {
        public Reduce {
            sources = List.copyOf(sources);
            elements = List.copyOf(elements);
        }
    }

    /** {@code v[i]} of a computed vector, checked against its size. */
    record VecElement(Vec vec, Node index, int position) implements Node {
        @Override
        public LeafType type() {
            return vec.type();
        }
    }

    /** TTree::Draw's {@code Alt$(primary, alternate)}: alternate when an index in primary is out of range. */
    record Alt(Node primary, Node alternate, LeafType type, int position) implements Node {
    }

    /** TTree::Draw's {@code Entry$} (the entry number) or {@code Entries$} (the tree's entries), a long long. */
    record EntryInfo(boolean total, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.INT64;
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

    /**
     * {@code x == k1 || x == k2 || ...} over int-held values and integer constants (a run or event list): one
     * {@code lookupswitch}, a binary search, instead of a comparison per term.
     */
    record InSet(Node operand, int[] keys, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InSet i && operand.equals(i.operand) && java.util.Arrays.equals(keys, i.keys);
        }

        @Override
        public int hashCode() {
            return operand.hashCode() * 31 + java.util.Arrays.hashCode(keys);
        }
    }

    /** A call of a generated method evaluating a run of a long chain's terms, as a bool. */
    record ChunkCall(String method, int position) implements Node {
        @Override
        public LeafType type() {
            return LeafType.BOOL;
        }
    }

    /** {@code operand} converted to {@code type}, or itself if it has that type already. */
    static Node convert(Node operand, LeafType type) {
        return operand.type() == type ? operand : new Convert(operand, type);
    }
}
