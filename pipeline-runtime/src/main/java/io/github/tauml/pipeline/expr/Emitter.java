package io.github.tauml.pipeline.expr;

import static io.github.tauml.pipeline.expr.CTypes.isFloating;
import static io.github.tauml.pipeline.expr.CTypes.isWide;

import io.github.tauml.pipeline.expr.Node.Alt;
import io.github.tauml.pipeline.expr.Node.Binary;
import io.github.tauml.pipeline.expr.Node.Call;
import io.github.tauml.pipeline.expr.Node.Cast;
import io.github.tauml.pipeline.expr.Node.EntryInfo;
import io.github.tauml.pipeline.expr.Node.Lane;
import io.github.tauml.pipeline.expr.Node.Reduce;
import io.github.tauml.pipeline.expr.Node.Var;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.pipeline.expr.Node.VecElement;
import io.github.tauml.pipeline.expr.Node.Compare;
import io.github.tauml.pipeline.expr.Node.Conditional;
import io.github.tauml.pipeline.expr.Node.Constant;
import io.github.tauml.pipeline.expr.Node.Convert;
import io.github.tauml.pipeline.expr.Node.Element;
import io.github.tauml.pipeline.expr.Node.Load;
import io.github.tauml.pipeline.expr.Node.Logical;
import io.github.tauml.pipeline.expr.Node.Not;
import io.github.tauml.pipeline.expr.Node.Size;
import io.github.tauml.pipeline.expr.Node.Unary;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the bytecode of one entry's evaluation. Values live on the JVM stack as int (bool, char, short, int and
 * unsigned int, the small ones already extended), long (64-bit), float or double: the JVM's own arithmetic then
 * has C++'s semantics (two's complement wraparound, truncating division, IEEE float and double rounding). Unsigned
 * division, remainder, comparison and conversion to floating point go through the JDK's unsigned helpers.
 *
 * <p>Conditions ({@code &&}, {@code ||}, {@code !}, comparisons, {@code ?:}) compile to jumps, so that evaluation
 * short-circuits as in C++: {@code n > 0 && x[0] > 1} never reads {@code x[0]} of an empty entry.
 */
final class Emitter implements Opcodes {
    private static final String SUPPORT = KernelSupport.INTERNAL_NAME;
    private static final String FAILURE = "Lio/github/tauml/pipeline/expr/EvaluationFailure;";

    private final MethodVisitor mv;
    private final CallEmitter calls;
    private final int[] arraySlots;
    private final int[] offsetSlots;
    private final Slots slots;
    private final int row;
    private final Prologue prologue;
    private final Vectors vectors;
    private int nextLocal;

    /**
     * @param slots    the locals holding the method's arguments and the entry's index in the batch
     * @param prologue where code that runs once per batch goes (scratch buffers), or null where none may be needed
     */
    Emitter(MethodVisitor mv, int[] arraySlots, int[] offsetSlots, Slots slots, int firstFreeLocal,
            Prologue prologue) {
        this.mv = mv;
        this.calls = new CallEmitter(this, mv);
        this.arraySlots = arraySlots;
        this.offsetSlots = offsetSlots;
        this.slots = slots;
        this.row = slots.row();
        this.nextLocal = firstFreeLocal;
        this.prologue = prologue;
        this.vectors = new Vectors(this, mv);
    }

    /** Locals of the generated method: the branch arrays, the entry offsets, the entry, the entry numbering. */
    record Slots(int values, int offsets, int row, int first, int total) {
    }

    /** Code run once per batch before the loop, with the locals it fills. */
    interface Prologue {
        /** A local holding a new primitive array of {@code type} as long as the batch's longest array entry. */
        int scratch(io.github.tauml.rootio.tree.LeafType type);

        /** A local holding a new {@code double[size]}. */
        int doubles(int size);

        /**
         * A chunk method for the terms of a long chain: a static {@code (Object[], int[][], int, long, long,
         * Object[])Z}.
         */
        String chunk(Operator op, java.util.List<Node> terms);

        /** A local holding the scratch buffers of the chunk methods (an Object[]), to pass to them. */
        int chunkScratch();

        /** A static method computing a reduction or vector element (see {@link KernelCompiler#outlinedDescriptor}). */
        String outline(Node n);

        /** A local holding {@code value}, a constant of the kernel (passed after the branch arrays). */
        int constant(int[] value);
    }

    int row() {
        return row;
    }

    int arraySlot(int branch) {
        return arraySlots[branch];
    }

    int offsetSlot(int branch) {
        return offsetSlots[branch];
    }

    Prologue prologue() {
        return prologue;
    }

    /** Pushes the node's value, in the JVM representation of its type. */
    void value(Node n) {
        if (n instanceof Constant c) {
            mv.visitLdcInsn(c.value());
        } else if (n instanceof Load l) {
            mv.visitVarInsn(ALOAD, arraySlots[l.branch().index()]);
            mv.visitVarInsn(ILOAD, row);
            arrayLoad(l.type());
        } else if (n instanceof Element e) {
            element(e);
        } else if (n instanceof Size s) {
            size(s);
        } else if (n instanceof Node.NestedElement e) {
            nestedElement(e);
        } else if (n instanceof Node.InnerSize s) {
            innerSize(s);
        } else if (n instanceof Convert c) {
            value(c.operand());
            convert(c.operand().type(), c.type());
        } else if (n instanceof Unary u) {
            value(u.operand());
            if (u.op() == Operator.NEG) {
                mv.visitInsn(jvm(u.type()).getOpcode(INEG));
            } else {
                pushMinusOne(u.type());
                mv.visitInsn(jvm(u.type()).getOpcode(IXOR));
            }
        } else if (n instanceof Binary b) {
            binary(b);
        } else if (n instanceof Conditional c) {
            Label otherwise = new Label();
            Label done = new Label();
            branch(c.condition(), false, otherwise);
            value(c.whenTrue());
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(otherwise);
            value(c.whenFalse());
            mv.visitLabel(done);
        } else if (n instanceof Call c) {
            calls.emit(c);
        } else if (n instanceof Cast c) {
            cast(c);
        } else if (n instanceof Var v) {
            mv.visitVarInsn(jvm(v.type()).getOpcode(ILOAD), v.slot()[0]);
        } else if (n instanceof Lane l) {
            vectors.lane(l);
        } else if (n instanceof Reduce || n instanceof VecElement) {
            // Loops over elements run in a method of their own: the JIT compiles a loop entered with values on the
            // operand stack (x + Sum(v)) neither on-stack nor, called once a batch, at all.
            String method = prologue.outline(n);
            mv.visitVarInsn(ALOAD, slots.values());
            mv.visitVarInsn(ALOAD, slots.offsets());
            mv.visitVarInsn(ILOAD, row);
            mv.visitVarInsn(LLOAD, slots.first());
            mv.visitVarInsn(LLOAD, slots.total());
            mv.visitVarInsn(ALOAD, prologue.chunkScratch());
            mv.visitMethodInsn(INVOKESTATIC, KernelCompiler.CLASS_NAME, method,
                    KernelCompiler.outlinedDescriptor(n.type()), false);
        } else if (n instanceof Alt a) {
            alt(a);
        } else if (n instanceof EntryInfo e) {
            mv.visitVarInsn(LLOAD, e.total() ? slots.total() : slots.first());
            if (!e.total()) {
                mv.visitVarInsn(ILOAD, row);
                mv.visitInsn(I2L);
                mv.visitInsn(LADD);
            }
        } else if (n instanceof Node.ChunkCall c) {
            mv.visitVarInsn(ALOAD, slots.values());
            mv.visitVarInsn(ALOAD, slots.offsets());
            mv.visitVarInsn(ILOAD, row);
            mv.visitVarInsn(LLOAD, slots.first());
            mv.visitVarInsn(LLOAD, slots.total());
            mv.visitVarInsn(ALOAD, prologue.chunkScratch());
            mv.visitMethodInsn(INVOKESTATIC, KernelCompiler.CLASS_NAME, c.method(), KernelCompiler.CHUNK, false);
        } else if (n instanceof Vec v) {
            throw new IllegalStateException("a vector has no scalar value: " + v);
        } else {
            truth(n);
        }
    }

    /** Pushes 1 if the node is true in a C++ boolean context (non-zero; NaN counts as true), 0 otherwise. */
    void truth(Node n) {
        Label no = new Label();
        Label done = new Label();
        branch(n, false, no);
        mv.visitInsn(ICONST_1);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(no);
        mv.visitInsn(ICONST_0);
        mv.visitLabel(done);
    }

    /** Jumps to {@code target} if the node's truth is {@code when}; falls through otherwise. */
    void branch(Node n, boolean when, Label target) {
        if (n instanceof Compare c) {
            value(c.left());
            value(c.right());
            compareJump(c.left().type(), c.op(), when, target);
        } else if (n instanceof Logical l) {
            // && jumps on the first false operand, || on the first true one; the other case needs all.
            boolean decisive = l.op() == Operator.LOGICAL_OR;
            java.util.List<Node> terms = chunked(l);
            if (when == decisive) {
                for (Node t : terms) {
                    branch(t, when, target);
                }
            } else {
                Label skip = new Label();
                for (int i = 0; i < terms.size() - 1; i++) {
                    branch(terms.get(i), decisive, skip);
                }
                branch(terms.get(terms.size() - 1), when, target);
                mv.visitLabel(skip);
            }
        } else if (n instanceof Not not) {
            branch(not.operand(), !when, target);
        } else if (n instanceof Node.InSet set) {
            Label in = new Label();
            Label out = new Label();
            if (set.keys().length <= SWITCH_KEYS) {
                value(set.operand());
                Label[] labels = new Label[set.keys().length];
                java.util.Arrays.fill(labels, in);
                mv.visitLookupSwitchInsn(out, set.keys(), labels);
            } else {
                // A long list: a binary search in the sorted keys, a constant of the kernel.
                mv.visitVarInsn(ALOAD, prologue.constant(set.keys()));
                value(set.operand());
                mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "binarySearch", "([II)I", false);
                mv.visitJumpInsn(IFLT, out);
            }
            mv.visitLabel(in);
            if (when) {
                mv.visitJumpInsn(GOTO, target);
                mv.visitLabel(out);
            } else {
                Label done = new Label();
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(out);
                mv.visitJumpInsn(GOTO, target);
                mv.visitLabel(done);
            }
        } else if (n instanceof Convert c) {
            // Widening and int-to-floating conversions keep zero and non-zero apart.
            branch(c.operand(), when, target);
        } else if (n instanceof Conditional c) {
            Label otherwise = new Label();
            Label done = new Label();
            branch(c.condition(), false, otherwise);
            branch(c.whenTrue(), when, target);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(otherwise);
            branch(c.whenFalse(), when, target);
            mv.visitLabel(done);
        } else {
            value(n);
            LeafType t = n.type();
            if (isWide(t)) {
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
            } else if (t == LeafType.FLOAT32) {
                mv.visitInsn(FCONST_0);
                mv.visitInsn(FCMPL);
            } else if (t == LeafType.FLOAT64) {
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
            }
            mv.visitJumpInsn(when ? IFNE : IFEQ, target);
        }
    }

    /** Pushes the value of a reduction or vector element in place (the body of its outlined method). */
    void inline(Node n) {
        if (n instanceof Reduce r) {
            vectors.reduce(r);
        } else {
            vectors.element((VecElement) n);
        }
    }

    /** Jumps to {@code target} if the node's truth is {@code when} (for chunk methods). */
    void branchTo(Node n, boolean when, Label target) {
        branch(n, when, target);
    }

    /** See {@link Vectors#output}. */
    void vectorOutput(Vec v, int out, String outDescriptor, int count, int offsetsOut) {
        vectors.output(v, out, outDescriptor, count, offsetsOut);
    }

    /** Keys of a set beyond which it is a binary search rather than a lookupswitch (8 bytes of code a key). */
    static final int SWITCH_KEYS = 256;

    /** Chain terms per chunk method beyond which a chain is split into chunk methods. */
    static final int CHUNK_TERMS = 64;
    /** Nodes beyond which a chain is split, so that each method stays small enough for the JIT (8000 bytes). */
    static final int CHUNK_NODES = 400;

    /**
     * The terms of a chain as emitted here: the terms themselves, or for a long chain calls of chunk methods that
     * each evaluate a run of terms (a JVM method holds at most 64 KB of code, and the JIT skips methods over 8 KB).
     */
    private java.util.List<Node> chunked(Logical l) {
        if (l.operands().size() <= CHUNK_TERMS || Nodes.size(l, CHUNK_NODES + 1) <= CHUNK_NODES) {
            return l.operands();
        }
        java.util.List<Node> out = new java.util.ArrayList<>();
        java.util.List<Node> run = new java.util.ArrayList<>();
        int runSize = 0;
        for (Node t : l.operands()) {
            int size = Nodes.size(t, CHUNK_NODES + 1);
            if (!run.isEmpty() && (run.size() >= CHUNK_TERMS || runSize + size > CHUNK_NODES)) {
                flush(l.op(), run, out);
                runSize = 0;
            }
            run.add(t);
            runSize += size;
        }
        flush(l.op(), run, out);
        return out;
    }

    private void flush(Operator op, java.util.List<Node> run, java.util.List<Node> out) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            out.add(run.get(0));
        } else {
            out.add(new Node.ChunkCall(prologue.chunk(op, java.util.List.copyOf(run)), run.get(0).position()));
        }
        run.clear();
    }

    /**
     * With both operands of type {@code t} on the stack, jumps if {@code (a op b) == when}. For floating point the
     * compare instruction is chosen so that NaN lands on the side that makes every comparison but != false.
     */
    void compareJump(LeafType t, Operator op, boolean when, Label target) {
        Operator jump = when ? op : negation(op);
        int ifOpcode = switch (jump) {
            case EQ -> IFEQ;
            case NE -> IFNE;
            case LT -> IFLT;
            case GE -> IFGE;
            case GT -> IFGT;
            case LE -> IFLE;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
        boolean nanIsGreater = op == Operator.LT || op == Operator.LE;
        switch (t) {
            case UINT32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            case INT64 -> mv.visitInsn(LCMP);
            case UINT64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            case FLOAT32 -> mv.visitInsn(nanIsGreater ? FCMPG : FCMPL);
            case FLOAT64 -> mv.visitInsn(nanIsGreater ? DCMPG : DCMPL);
            default -> {
                mv.visitJumpInsn(ifOpcode + (IF_ICMPEQ - IFEQ), target);
                return;
            }
        }
        mv.visitJumpInsn(ifOpcode, target);
    }

    private static Operator negation(Operator op) {
        return switch (op) {
            case EQ -> Operator.NE;
            case NE -> Operator.EQ;
            case LT -> Operator.GE;
            case GE -> Operator.LT;
            case GT -> Operator.LE;
            case LE -> Operator.GT;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private void binary(Binary b) {
        if (b.op() == Operator.SHL || b.op() == Operator.SHR) {
            shift(b);
            return;
        }
        LeafType t = b.type();
        value(b.left());
        value(b.right());
        int opcode = switch (b.op()) {
            case ADD -> IADD;
            case SUB -> ISUB;
            case MUL -> IMUL;
            case DIV -> IDIV;
            case REM -> IREM;
            case BIT_AND -> IAND;
            case BIT_OR -> IOR;
            case BIT_XOR -> IXOR;
            default -> throw new IllegalArgumentException("not an arithmetic operator: " + b.op());
        };
        if ((opcode == IDIV || opcode == IREM) && !isFloating(t)) {
            divisorCheck(t, b.position());
            if (t.isUnsigned()) {
                String owner = t == LeafType.UINT32 ? "java/lang/Integer" : "java/lang/Long";
                String desc = t == LeafType.UINT32 ? "(II)I" : "(JJ)J";
                mv.visitMethodInsn(INVOKESTATIC, owner, opcode == IDIV ? "divideUnsigned" : "remainderUnsigned",
                        desc, false);
                return;
            }
        }
        mv.visitInsn(jvm(t).getOpcode(opcode));
    }

    /** With dividend and divisor on the stack, fails the entry if the divisor is zero (undefined in C++). */
    private void divisorCheck(LeafType t, int position) {
        Label ok = new Label();
        if (isWide(t)) {
            mv.visitInsn(DUP2);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
        } else {
            mv.visitInsn(DUP);
        }
        mv.visitJumpInsn(IFNE, ok);
        mv.visitLdcInsn(position);
        mv.visitVarInsn(ILOAD, row);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "divisionByZero", "(II)" + FAILURE, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
    }

    /** A count outside [0, bits) is undefined in C++ (the JVM would silently mask it): it fails the entry. */
    private void shift(Binary b) {
        LeafType t = b.type();
        LeafType countType = b.right().type();
        int bits = CTypes.bits(t);
        value(b.left());
        value(b.right());
        convert(countType, LeafType.INT64);
        int count = newLocal(LeafType.INT64);
        mv.visitVarInsn(LSTORE, count);
        mv.visitVarInsn(LLOAD, count);
        mv.visitLdcInsn((long) bits);
        Label ok = new Label();
        unsignedBelow(ok);
        mv.visitLdcInsn(b.position());
        mv.visitVarInsn(ILOAD, row);
        mv.visitVarInsn(LLOAD, count);
        mv.visitInsn(countType == LeafType.UINT64 ? ICONST_1 : ICONST_0);
        mv.visitLdcInsn(CTypes.name(t));
        mv.visitLdcInsn(bits);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "shiftOutOfRange", "(IIJZLjava/lang/String;I)" + FAILURE, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        mv.visitVarInsn(LLOAD, count);
        mv.visitInsn(L2I);
        int opcode = b.op() == Operator.SHL ? ISHL : t.isUnsigned() ? IUSHR : ISHR;
        mv.visitInsn(jvm(t).getOpcode(opcode));
        releaseFrom(count);
    }

    /**
     * {@code x[i]}: the index is widened to a long and compared, unsigned, with the entry's size, so that negative
     * indices fail as well as large ones.
     */
    private void element(Element e) {
        ColumnType column = e.branch().column();
        LeafType indexType = e.index().type();
        value(e.index());
        convert(indexType, LeafType.INT64);
        int index = newLocal(LeafType.INT64);
        mv.visitVarInsn(LSTORE, index);
        boolean fixed = column.shape() == Shape.FIXED;
        int start = newLocal(LeafType.INT32);
        int size = newLocal(LeafType.INT32);
        if (fixed) {
            mv.visitVarInsn(ILOAD, row);
            mv.visitLdcInsn(column.fixedLength());
            mv.visitInsn(IMUL);
            mv.visitVarInsn(ISTORE, start);
            mv.visitLdcInsn(column.fixedLength());
            mv.visitVarInsn(ISTORE, size);
        } else {
            int offsets = offsetSlots[e.branch().index()];
            mv.visitVarInsn(ALOAD, offsets);
            mv.visitVarInsn(ILOAD, row);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, start);
            entrySize(offsets);
            mv.visitVarInsn(ISTORE, size);
        }
        mv.visitVarInsn(LLOAD, index);
        mv.visitVarInsn(ILOAD, size);
        mv.visitInsn(I2L);
        Label ok = new Label();
        unsignedBelow(ok);
        mv.visitLdcInsn(e.position());
        mv.visitVarInsn(ILOAD, row);
        mv.visitLdcInsn(e.branch().name());
        mv.visitVarInsn(LLOAD, index);
        mv.visitInsn(indexType == LeafType.UINT64 ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ILOAD, size);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "indexOutOfRange", "(IILjava/lang/String;JZI)" + FAILURE, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        mv.visitVarInsn(ALOAD, arraySlots[e.branch().index()]);
        mv.visitVarInsn(ILOAD, start);
        mv.visitVarInsn(LLOAD, index);
        mv.visitInsn(L2I);
        mv.visitInsn(IADD);
        arrayLoad(e.type());
        releaseFrom(index);
    }

    /**
     * The local holding the inner offsets of a {@code vector<vector<T>>} branch: the kernel's offset slots hold every
     * branch's entry offsets, then (at branch count + index) the inner offsets of the nested ones.
     */
    private int innerSlot(Node.BranchRef branch) {
        return offsetSlots[offsetSlots.length / 2 + branch.index()];
    }

    /**
     * {@code x[i]} of a {@code vector<vector<T>>} branch: checks i against the entry's number of inner vectors (as
     * {@link #element} does) and pushes the inner vector's number in the column, {@code outer[row] + i}.
     */
    private void innerList(Node.BranchRef branch, Node index, int position) {
        LeafType indexType = index.type();
        value(index);
        convert(indexType, LeafType.INT64);
        int i = newLocal(LeafType.INT64);
        mv.visitVarInsn(LSTORE, i);
        int outer = offsetSlots[branch.index()];
        mv.visitVarInsn(LLOAD, i);
        entrySize(outer);
        mv.visitInsn(I2L);
        Label ok = new Label();
        unsignedBelow(ok);
        mv.visitLdcInsn(position);
        mv.visitVarInsn(ILOAD, row);
        mv.visitLdcInsn(branch.name());
        mv.visitVarInsn(LLOAD, i);
        mv.visitInsn(indexType == LeafType.UINT64 ? ICONST_1 : ICONST_0);
        entrySize(outer);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "indexOutOfRange", "(IILjava/lang/String;JZI)" + FAILURE, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        mv.visitVarInsn(ALOAD, outer);
        mv.visitVarInsn(ILOAD, row);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(LLOAD, i);
        mv.visitInsn(L2I);
        mv.visitInsn(IADD);
        releaseFrom(i);
    }

    /** Pushes the size of inner vector {@code k} (a local): {@code inner[k + 1] - inner[k]}. */
    private void listSize(int inner, int k) {
        mv.visitVarInsn(ALOAD, inner);
        mv.visitVarInsn(ILOAD, k);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(ALOAD, inner);
        mv.visitVarInsn(ILOAD, k);
        mv.visitInsn(IALOAD);
        mv.visitInsn(ISUB);
    }

    /**
     * {@code x[i][j]}: i checked against the entry's inner vectors, then j against inner vector i's size (unsigned,
     * so that negative indices fail too); the value is {@code values[inner[outer[row] + i] + j]}.
     */
    private void nestedElement(Node.NestedElement e) {
        Node.BranchRef branch = e.branch();
        innerList(branch, e.index(), e.position());
        int k = newLocal(LeafType.INT32);
        mv.visitVarInsn(ISTORE, k);
        LeafType indexType = e.inner().type();
        value(e.inner());
        convert(indexType, LeafType.INT64);
        int j = newLocal(LeafType.INT64);
        mv.visitVarInsn(LSTORE, j);
        int inner = innerSlot(branch);
        mv.visitVarInsn(LLOAD, j);
        listSize(inner, k);
        mv.visitInsn(I2L);
        Label ok = new Label();
        unsignedBelow(ok);
        mv.visitLdcInsn(e.innerPosition());
        mv.visitVarInsn(ILOAD, row);
        mv.visitLdcInsn(branch.name());
        mv.visitVarInsn(ILOAD, k);
        mv.visitVarInsn(ALOAD, offsetSlots[branch.index()]);
        mv.visitVarInsn(ILOAD, row);
        mv.visitInsn(IALOAD);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(LLOAD, j);
        mv.visitInsn(indexType == LeafType.UINT64 ? ICONST_1 : ICONST_0);
        listSize(inner, k);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "innerIndexOutOfRange", "(IILjava/lang/String;IJZI)" + FAILURE,
                false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        mv.visitVarInsn(ALOAD, arraySlots[branch.index()]);
        mv.visitVarInsn(ALOAD, inner);
        mv.visitVarInsn(ILOAD, k);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(LLOAD, j);
        mv.visitInsn(L2I);
        mv.visitInsn(IADD);
        arrayLoad(e.type());
        releaseFrom(k);
    }

    /** {@code x[i].size()}: i checked as for {@code x[i][j]}, then inner vector i's size as a size_t. */
    private void innerSize(Node.InnerSize s) {
        innerList(s.branch(), s.index(), s.position());
        int k = newLocal(LeafType.INT32);
        mv.visitVarInsn(ISTORE, k);
        listSize(innerSlot(s.branch()), k);
        mv.visitInsn(I2L);
        releaseFrom(k);
    }

    private void size(Size s) {
        ColumnType column = s.branch().column();
        if (column.shape() == Shape.FIXED) {
            mv.visitLdcInsn((long) column.fixedLength());
        } else {
            entrySize(offsetSlots[s.branch().index()]);
            mv.visitInsn(I2L);
        }
    }

    /** Pushes offsets[row + 1] - offsets[row]. */
    void entrySize(int offsets) {
        mv.visitVarInsn(ALOAD, offsets);
        mv.visitVarInsn(ILOAD, row);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(ALOAD, offsets);
        mv.visitVarInsn(ILOAD, row);
        mv.visitInsn(IALOAD);
        mv.visitInsn(ISUB);
    }

    /** With two longs on the stack, jumps to {@code ok} if the first is below the second, both read unsigned. */
    void unsignedBelow(Label ok) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        mv.visitJumpInsn(IFLT, ok);
    }

    /** C++ conversions from {@code from} to a wider or floating type; the only ones the typing inserts. */
    void convert(LeafType from, LeafType to) {
        if (from == to || (isWide(from) && isWide(to)) || (!isWide(from) && !isFloating(from)
                && (to == LeafType.INT32 || to == LeafType.UINT32))) {
            // Same bits: int to unsigned int, long long to unsigned long long, small types already extended.
            return;
        }
        if (isFloating(from) && to != LeafType.FLOAT64) {
            throw new IllegalStateException("no conversion from " + from + " to " + to);
        }
        if (from == LeafType.FLOAT32) {
            mv.visitInsn(F2D);
            return;
        }
        switch (to) {
            case INT64, UINT64 -> widen(from);
            case FLOAT32, FLOAT64 -> {
                boolean toFloat = to == LeafType.FLOAT32;
                if (from == LeafType.UINT64) {
                    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, toFloat ? "unsignedToFloat" : "unsignedToDouble",
                            toFloat ? "(J)F" : "(J)D", false);
                } else if (isWide(from) || from == LeafType.UINT32) {
                    widen(from);
                    mv.visitInsn(toFloat ? L2F : L2D);
                } else {
                    mv.visitInsn(toFloat ? I2F : I2D);
                }
            }
            default -> throw new IllegalStateException("no conversion from " + from + " to " + to);
        }
    }

    /** An explicit conversion with g++'s x86-64 semantics (see {@link Cast}). */
    private void cast(Cast c) {
        LeafType from = c.operand().type();
        LeafType to = c.type();
        if (to == LeafType.BOOL) {
            truth(c.operand());
            return;
        }
        value(c.operand());
        narrow(from, to);
    }

    /** With a value of {@code from} on the stack, converts it to {@code to} as a C++ cast does (bool excepted). */
    void narrow(LeafType from, LeafType to) {
        if (from == to) {
            return;
        }
        if (isFloating(from)) {
            if (isFloating(to)) {
                mv.visitInsn(to == LeafType.FLOAT32 ? D2F : F2D);
                return;
            }
            if (from == LeafType.FLOAT32) {
                mv.visitInsn(F2D);
            }
            switch (to) {
                case INT64 -> mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "cvttsd2si64", "(D)J", false);
                case UINT64 -> mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "doubleToUnsignedLong", "(D)J", false);
                case UINT32 -> {
                    // g++ converts through the 64-bit instruction and keeps the low half.
                    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "cvttsd2si64", "(D)J", false);
                    mv.visitInsn(L2I);
                }
                default -> {
                    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "cvttsd2si32", "(D)I", false);
                    narrowInt(to);
                }
            }
            return;
        }
        if (isFloating(to)) {
            convert(from, to);
            return;
        }
        if (isWide(to)) {
            widen(from);
            return;
        }
        if (isWide(from)) {
            mv.visitInsn(L2I);
        }
        narrowInt(to);
    }

    /** An int on the stack to the width of {@code to}, wrapping (modulo 2^n) as g++ does. */
    private void narrowInt(LeafType to) {
        switch (to) {
            case INT8 -> mv.visitInsn(I2B);
            case UINT8 -> {
                mv.visitLdcInsn(0xFF);
                mv.visitInsn(IAND);
            }
            case INT16 -> mv.visitInsn(I2S);
            case UINT16 -> mv.visitInsn(I2C);
            case BOOL -> {
                Label zero = new Label();
                Label done = new Label();
                mv.visitJumpInsn(IFEQ, zero);
                mv.visitInsn(ICONST_1);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(zero);
                mv.visitInsn(ICONST_0);
                mv.visitLabel(done);
            }
            default -> {
                // int and unsigned int: the same 32 bits.
            }
        }
    }

    /**
     * {@code Alt$(primary, alternate)}: every index the primary reads is checked first (without failing); if one is
     * out of range the alternate is the value, else the primary.
     */
    private void alt(Alt a) {
        Label alternate = new Label();
        Label done = new Label();
        for (Node e : Nodes.elements(a.primary())) {
            if (e instanceof Node.NestedElement || e instanceof Node.InnerSize) {
                nestedInRange(e, alternate);
                continue;
            }
            Element el = (Element) e;
            ColumnType column = el.branch().column();
            value(el.index());
            convert(el.index().type(), LeafType.INT64);
            if (column.shape() == Shape.FIXED) {
                mv.visitLdcInsn((long) column.fixedLength());
            } else {
                entrySize(offsetSlots[el.branch().index()]);
                mv.visitInsn(I2L);
            }
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            mv.visitJumpInsn(IFGE, alternate);
        }
        value(a.primary());
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(alternate);
        value(a.alternate());
        mv.visitLabel(done);
    }

    /**
     * For {@code Alt$}: jumps to {@code alternate} if an index of {@code x[i][j]} or {@code x[i].size()} is out of
     * range (i against the entry's inner vectors, then j against inner vector i).
     */
    private void nestedInRange(Node e, Label alternate) {
        Node.BranchRef branch = e instanceof Node.NestedElement n ? n.branch() : ((Node.InnerSize) e).branch();
        Node index = e instanceof Node.NestedElement n ? n.index() : ((Node.InnerSize) e).index();
        int outer = offsetSlots[branch.index()];
        value(index);
        convert(index.type(), LeafType.INT64);
        int i = newLocal(LeafType.INT64);
        mv.visitVarInsn(LSTORE, i);
        mv.visitVarInsn(LLOAD, i);
        entrySize(outer);
        mv.visitInsn(I2L);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        mv.visitJumpInsn(IFGE, alternate);
        if (e instanceof Node.NestedElement n) {
            int k = newLocal(LeafType.INT32);
            mv.visitVarInsn(ALOAD, outer);
            mv.visitVarInsn(ILOAD, row);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(LLOAD, i);
            mv.visitInsn(L2I);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, k);
            value(n.inner());
            convert(n.inner().type(), LeafType.INT64);
            listSize(innerSlot(branch), k);
            mv.visitInsn(I2L);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            mv.visitJumpInsn(IFGE, alternate);
        }
        releaseFrom(i);
    }

    /** An int-held value to long: sign-extended, or zero-extended for unsigned int. */
    void widen(LeafType from) {
        if (isWide(from)) {
            return;
        }
        mv.visitInsn(I2L);
        if (from == LeafType.UINT32) {
            mv.visitLdcInsn(0xFFFFFFFFL);
            mv.visitInsn(LAND);
        }
    }

    void arrayLoad(LeafType t) {
        switch (t) {
            case BOOL, INT8 -> mv.visitInsn(BALOAD);
            case UINT8 -> {
                mv.visitInsn(BALOAD);
                mv.visitLdcInsn(0xFF);
                mv.visitInsn(IAND);
            }
            case INT16 -> mv.visitInsn(SALOAD);
            case UINT16 -> {
                mv.visitInsn(SALOAD);
                mv.visitLdcInsn(0xFFFF);
                mv.visitInsn(IAND);
            }
            case INT32, UINT32 -> mv.visitInsn(IALOAD);
            case INT64, UINT64 -> mv.visitInsn(LALOAD);
            case FLOAT32 -> mv.visitInsn(FALOAD);
            case FLOAT64 -> mv.visitInsn(DALOAD);
            case STRING -> throw new IllegalArgumentException("strings have no kernel array");
        }
    }

    private void pushMinusOne(LeafType t) {
        if (isWide(t)) {
            mv.visitLdcInsn(-1L);
        } else {
            mv.visitInsn(ICONST_M1);
        }
    }

    /**
     * A slot for a temporary. Temporaries live only while their node's code runs, so a node releases its slots when
     * done ({@link #releaseFrom}) and the method needs as many as the tree is deep, not as it is large.
     */
    int newLocal(LeafType t) {
        int slot = nextLocal;
        nextLocal += isWide(t) || t == LeafType.FLOAT64 ? 2 : 1;
        return slot;
    }

    /** Frees every temporary allocated since {@code slot} was, {@code slot} included. */
    void releaseFrom(int slot) {
        nextLocal = slot;
    }

    /** The JVM type a value of {@code t} lives in. */
    static Type jvm(LeafType t) {
        if (isWide(t)) {
            return Type.LONG_TYPE;
        }
        return switch (t) {
            case FLOAT32 -> Type.FLOAT_TYPE;
            case FLOAT64 -> Type.DOUBLE_TYPE;
            default -> Type.INT_TYPE;
        };
    }
}
