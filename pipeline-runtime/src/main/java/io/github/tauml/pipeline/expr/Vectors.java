package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.BranchSource;
import io.github.tauml.pipeline.expr.Node.Filtered;
import io.github.tauml.pipeline.expr.Node.Head;
import io.github.tauml.pipeline.expr.Node.Lane;
import io.github.tauml.pipeline.expr.Node.Nonzero;
import io.github.tauml.pipeline.expr.Node.Reduce;
import io.github.tauml.pipeline.expr.Node.Source;
import io.github.tauml.pipeline.expr.Node.Taken;
import io.github.tauml.pipeline.expr.Node.Var;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.pipeline.expr.Node.VecElement;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the vector parts of an expression for {@link Emitter}: every vector is a loop over the entry's elements, in
 * the kernel's loop body, so that nothing is allocated per entry. A branch's elements are read in place (from the
 * entry's offset); a vector that selects or reorders elements ({@code v[mask]}, Take, Nonzero) is written into a
 * scratch buffer allocated once per batch, as long as the batch's longest array entry.
 */
final class Vectors implements Opcodes {
    private static final String SUPPORT = KernelSupport.INTERNAL_NAME;
    private static final String FAILURE = "Lio/github/tauml/pipeline/expr/EvaluationFailure;";

    private final Emitter em;
    private final MethodVisitor mv;
    /** Where each source's elements are in the current entry, and the lane (index local) they are read at. */
    private Map<Source, State> states = new HashMap<>();
    /** While a reduction's loop is emitted with a fused mask: the mask's element (false skips) and its count. */
    private Node filter;
    private int count = -1;
    /** Reductions whose loop takes a mask in place of a filtered buffer (the others look at the first element). */
    private static final Set<Reduction> FUSIBLE = java.util.EnumSet.of(Reduction.SUM, Reduction.MEAN,
            Reduction.ANY, Reduction.ALL, Reduction.SIZE, Reduction.DRAW_LENGTH, Reduction.DRAW_SUM,
            Reduction.DRAW_MIN, Reduction.DRAW_MAX, Reduction.DRAW_MIN_IF, Reduction.DRAW_MAX_IF,
            Reduction.INVARIANT_MASS);

    /** array: local of the array; start: local of the entry's first index (-1: 0); length and lane: locals. */
    private static final class State {
        final int array;
        final int start;
        final int length;
        int lane = -1;
        /** For a mask fused into the loop that reads it: the element itself (no buffer). */
        Node fused;

        State(int array, int start, int length) {
            this.array = array;
            this.start = start;
            this.length = length;
        }
    }

    Vectors(Emitter em, MethodVisitor mv) {
        this.em = em;
        this.mv = mv;
    }

    /** Pushes the element of a source at its lane. */
    void lane(Lane l) {
        State s = states.get(l.source());
        if (s != null && s.fused != null) {
            em.value(s.fused);
            return;
        }
        if (s == null || s.lane < 0) {
            throw new IllegalStateException("vector source read outside its loop: " + l.source());
        }
        mv.visitVarInsn(ALOAD, s.array);
        if (s.start >= 0) {
            mv.visitVarInsn(ILOAD, s.start);
            mv.visitVarInsn(ILOAD, s.lane);
            mv.visitInsn(IADD);
        } else {
            mv.visitVarInsn(ILOAD, s.lane);
        }
        em.arrayLoad(l.type());
    }

    /** Pushes a reduction's value. */
    void reduce(Reduce r) {
        Map<Source, State> saved = new HashMap<>(states);
        Node savedFilter = filter;
        int savedCount = count;
        int k = em.newLocal(LeafType.INT32);
        int len;
        if (r.sources().size() == 1 && r.sources().get(0) instanceof Filtered f && FUSIBLE.contains(r.kind())) {
            // Sum(v[mask]) and the like: one loop over v and the mask, skipping masked-out elements, no buffer.
            Set<Source> zipped = new LinkedHashSet<>(f.values().sources());
            zipped.addAll(f.mask().sources());
            List<Source> all = List.copyOf(zipped);
            len = domain(all, false, f.position());
            bind(all, k);
            State fused = new State(-1, -1, -1);
            fused.fused = f.values().element();
            states.put(f, fused);
            filter = f.mask().element();
            count = em.newLocal(LeafType.INT32);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, count);
        } else {
            len = domain(r.sources(), r.drawLoop(), r.position());
            bind(r.sources(), k);
            filter = null;
            count = -1;
        }
        List<Node> e = r.elements();
        LeafType t = r.type();
        switch (r.kind()) {
            case SIZE, DRAW_LENGTH -> {
                if (filter != null) {
                    loop(k, len, (next, exit) -> { });
                }
                mv.visitVarInsn(ILOAD, filter != null ? count : len);
                if (r.kind() == Reduction.SIZE) {
                    mv.visitInsn(I2L);
                }
            }
            case SUM -> sum(e.get(0), t, k, len, r.position());
            case MEAN -> {
                LeafType sumType = e.get(0).type() == LeafType.BOOL ? LeafType.UINT64 : e.get(0).type();
                Label empty = new Label();
                Label done = new Label();
                int n = filter != null ? count : len;
                sum(e.get(0), sumType, k, len, r.position());
                int total = em.newLocal(sumType);
                mv.visitVarInsn(Emitter.jvm(sumType).getOpcode(ISTORE), total);
                mv.visitVarInsn(ILOAD, n);
                mv.visitJumpInsn(IFEQ, empty);
                mv.visitVarInsn(Emitter.jvm(sumType).getOpcode(ILOAD), total);
                em.convert(sumType, LeafType.FLOAT64);
                mv.visitVarInsn(ILOAD, n);
                mv.visitInsn(I2D);
                mv.visitInsn(DDIV);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(empty);
                mv.visitInsn(DCONST_0);
                mv.visitLabel(done);
            }
            case MAX, MIN, ARGMAX, ARGMIN -> extremum(r, e.get(0), k, len);
            case ANY, ALL -> anyAll(r.kind() == Reduction.ANY, e.get(0), k, len);
            case DRAW_SUM -> {
                int acc = em.newLocal(LeafType.FLOAT64);
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, acc);
                loop(k, len, (next, exit) -> {
                    mv.visitVarInsn(DLOAD, acc);
                    em.value(e.get(0));
                    em.convert(e.get(0).type(), LeafType.FLOAT64);
                    mv.visitInsn(DADD);
                    mv.visitVarInsn(DSTORE, acc);
                });
                mv.visitVarInsn(DLOAD, acc);
            }
            case DRAW_MIN, DRAW_MAX, DRAW_MIN_IF, DRAW_MAX_IF -> drawExtremum(r, k, len);
            case INVARIANT_MASS -> {
                boolean isFloat = t == LeafType.FLOAT32;
                int acc = em.prologue().doubles(4);
                mv.visitVarInsn(ALOAD, acc);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "clear", "([D)V", false);
                loop(k, len, (next, exit) -> {
                    mv.visitVarInsn(ALOAD, acc);
                    for (Node x : e) {
                        em.value(x);
                        em.convert(x.type(), LeafType.FLOAT64);
                    }
                    mv.visitInsn(isFloat ? ICONST_1 : ICONST_0);
                    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "invariantMassAdd", "([DDDDDZ)V", false);
                });
                mv.visitVarInsn(ALOAD, acc);
                mv.visitInsn(isFloat ? ICONST_1 : ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "invariantMass", "([DZ)D", false);
                if (isFloat) {
                    mv.visitInsn(D2F);
                }
            }
        }
        states = saved;
        filter = savedFilter;
        count = savedCount;
        em.releaseFrom(k);
    }

    /** Pushes RVec's Sum: {@code acc = T(acc + x)} for every element, as std::accumulate with a T zero. */
    private void sum(Node element, LeafType t, int k, int len, int position) {
        Var acc = new Var(t, position);
        acc.slot()[0] = em.newLocal(t);
        pushZero(t);
        mv.visitVarInsn(Emitter.jvm(t).getOpcode(ISTORE), acc.slot()[0]);
        Node added = Typing.binary(Operator.ADD, acc, element, position);
        Node update = added.type() == t ? added : new Node.Cast(added, t, position);
        loop(k, len, (next, exit) -> {
            em.value(update);
            mv.visitVarInsn(Emitter.jvm(t).getOpcode(ISTORE), acc.slot()[0]);
        });
        mv.visitVarInsn(Emitter.jvm(t).getOpcode(ILOAD), acc.slot()[0]);
    }

    /** Max, Min (std::max_element's first greatest, std::min_element's first least) and their Arg forms. */
    private void extremum(Reduce r, Node element, int k, int len) {
        boolean arg = r.kind() == Reduction.ARGMAX || r.kind() == Reduction.ARGMIN;
        boolean max = r.kind() == Reduction.MAX || r.kind() == Reduction.ARGMAX;
        LeafType t = element.type();
        Type jvm = Emitter.jvm(t);
        int best = em.newLocal(t);
        int cur = em.newLocal(t);
        int index = em.newLocal(LeafType.INT32);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, index);
        Label nonEmpty = new Label();
        Label done = new Label();
        mv.visitVarInsn(ILOAD, len);
        mv.visitJumpInsn(IFNE, nonEmpty);
        if (!arg) {
            mv.visitLdcInsn(r.position());
            mv.visitVarInsn(ILOAD, em.row());
            mv.visitLdcInsn(max ? "Max" : "Min");
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "emptyReduction", "(IILjava/lang/String;)" + FAILURE, false);
            mv.visitInsn(ATHROW);
        } else {
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(nonEmpty);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, k);
        em.value(element);
        mv.visitVarInsn(jvm.getOpcode(ISTORE), best);
        loopFrom(k, 1, len, (next, exit) -> {
            em.value(element);
            mv.visitVarInsn(jvm.getOpcode(ISTORE), cur);
            // max_element replaces on best < x, min_element on x < best: ties keep the first.
            mv.visitVarInsn(jvm.getOpcode(ILOAD), max ? best : cur);
            mv.visitVarInsn(jvm.getOpcode(ILOAD), max ? cur : best);
            em.compareJump(t, Operator.LT, false, next);
            mv.visitVarInsn(jvm.getOpcode(ILOAD), cur);
            mv.visitVarInsn(jvm.getOpcode(ISTORE), best);
            mv.visitVarInsn(ILOAD, k);
            mv.visitVarInsn(ISTORE, index);
        });
        mv.visitLabel(done);
        if (arg) {
            mv.visitVarInsn(ILOAD, index);
            mv.visitInsn(I2L);
        } else {
            mv.visitVarInsn(jvm.getOpcode(ILOAD), best);
        }
    }

    private void anyAll(boolean any, Node element, int k, int len) {
        int result = em.newLocal(LeafType.INT32);
        mv.visitInsn(any ? ICONST_0 : ICONST_1);
        mv.visitVarInsn(ISTORE, result);
        loop(k, len, (next, exit) -> {
            em.branch(element, !any, next);
            mv.visitInsn(any ? ICONST_1 : ICONST_0);
            mv.visitVarInsn(ISTORE, result);
            mv.visitJumpInsn(GOTO, exit);
        });
        mv.visitVarInsn(ILOAD, result);
    }

    /** Min$, Max$, MinIf$, MaxIf$: in double, starting from the first (passing) instance, 0 without one. */
    private void drawExtremum(Reduce r, int k, int len) {
        boolean max = r.kind() == Reduction.DRAW_MAX || r.kind() == Reduction.DRAW_MAX_IF;
        boolean conditional = r.elements().size() == 2;
        Node value = r.elements().get(0);
        int result = em.newLocal(LeafType.FLOAT64);
        int cur = em.newLocal(LeafType.FLOAT64);
        int found = em.newLocal(LeafType.INT32);
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, result);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, found);
        loop(k, len, (next, exit) -> {
            if (conditional) {
                em.branch(r.elements().get(1), false, next);
            }
            em.value(value);
            em.convert(value.type(), LeafType.FLOAT64);
            mv.visitVarInsn(DSTORE, cur);
            Label take = new Label();
            mv.visitVarInsn(ILOAD, found);
            mv.visitJumpInsn(IFEQ, take);
            mv.visitVarInsn(DLOAD, max ? result : cur);
            mv.visitVarInsn(DLOAD, max ? cur : result);
            em.compareJump(LeafType.FLOAT64, Operator.LT, false, next);
            mv.visitLabel(take);
            mv.visitVarInsn(DLOAD, cur);
            mv.visitVarInsn(DSTORE, result);
            mv.visitInsn(ICONST_1);
            mv.visitVarInsn(ISTORE, found);
        });
        mv.visitVarInsn(DLOAD, result);
    }

    /** {@code v[i]} of a computed vector. */
    void element(VecElement e) {
        Map<Source, State> saved = new HashMap<>(states);
        int index = em.newLocal(LeafType.INT64);
        em.value(e.index());
        em.convert(e.index().type(), LeafType.INT64);
        mv.visitVarInsn(LSTORE, index);
        int k = em.newLocal(LeafType.INT32);
        int len = domain(e.vec().sources(), e.vec().drawLoop(), e.position());
        mv.visitVarInsn(LLOAD, index);
        mv.visitVarInsn(ILOAD, len);
        mv.visitInsn(I2L);
        Label ok = new Label();
        em.unsignedBelow(ok);
        mv.visitLdcInsn(e.position());
        mv.visitVarInsn(ILOAD, em.row());
        mv.visitVarInsn(LLOAD, index);
        mv.visitInsn(e.index().type() == LeafType.UINT64 ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ILOAD, len);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "vectorIndexOutOfRange", "(IIJZI)" + FAILURE, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        mv.visitVarInsn(LLOAD, index);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, k);
        bind(e.vec().sources(), k);
        em.value(e.vec().element());
        states = saved;
        em.releaseFrom(index);
    }

    /**
     * Appends the entry's elements of a vector-valued root to {@code out} (a local holding the values array, grown as
     * needed) from index {@code count} (a local), and sets {@code offsets[row + 1]}.
     */
    void output(Vec v, int out, String outDescriptor, int count, int offsetsOut) {
        filter = null;
        Map<Source, State> saved = new HashMap<>(states);
        int k = em.newLocal(LeafType.INT32);
        int len = domain(v.sources(), v.drawLoop(), v.position());
        bind(v.sources(), k);
        // Grown (doubled) only when this entry's elements do not fit.
        Label fits = new Label();
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ARRAYLENGTH);
        mv.visitVarInsn(ILOAD, count);
        mv.visitVarInsn(ILOAD, len);
        mv.visitInsn(IADD);
        mv.visitJumpInsn(IF_ICMPGE, fits);
        mv.visitVarInsn(ALOAD, out);
        mv.visitVarInsn(ILOAD, count);
        mv.visitVarInsn(ILOAD, len);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "ensureCapacity", "(Ljava/lang/Object;I)Ljava/lang/Object;",
                false);
        mv.visitTypeInsn(CHECKCAST, outDescriptor);
        mv.visitVarInsn(ASTORE, out);
        mv.visitLabel(fits);
        loop(k, len, (next, exit) -> store(out, count, v.element(), v.type()));
        mv.visitVarInsn(ALOAD, offsetsOut);
        mv.visitVarInsn(ILOAD, em.row());
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ILOAD, count);
        mv.visitInsn(IASTORE);
        states = saved;
        em.releaseFrom(k);
    }

    private static int intStore(LeafType t) {
        return switch (t) {
            case BOOL, INT8, UINT8 -> BASTORE;
            case INT16, UINT16 -> SASTORE;
            default -> IASTORE;
        };
    }

    /**
     * Prepares every source for the current entry and returns a local holding the vector's size: the sources' common
     * size (RVec: different sizes fail the entry) or, for a TTree::Draw loop, the smallest.
     */
    private int domain(List<Source> sources, boolean drawLoop, int position) {
        List<State> prepared = new ArrayList<>();
        for (Source s : sources) {
            State st = prepare(s);
            states.put(s, st);
            prepared.add(st);
        }
        int len = em.newLocal(LeafType.INT32);
        mv.visitVarInsn(ILOAD, prepared.get(0).length);
        mv.visitVarInsn(ISTORE, len);
        for (State st : prepared.subList(1, prepared.size())) {
            if (drawLoop) {
                mv.visitVarInsn(ILOAD, len);
                mv.visitVarInsn(ILOAD, st.length);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
                mv.visitVarInsn(ISTORE, len);
            } else {
                Label ok = new Label();
                mv.visitVarInsn(ILOAD, len);
                mv.visitVarInsn(ILOAD, st.length);
                mv.visitJumpInsn(IF_ICMPEQ, ok);
                mv.visitLdcInsn(position);
                mv.visitVarInsn(ILOAD, em.row());
                mv.visitVarInsn(ILOAD, len);
                mv.visitVarInsn(ILOAD, st.length);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "sizesDiffer", "(IIII)" + FAILURE, false);
                mv.visitInsn(ATHROW);
                mv.visitLabel(ok);
            }
        }
        return len;
    }

    private void bind(List<Source> sources, int lane) {
        for (Source s : sources) {
            states.get(s).lane = lane;
        }
    }

    /** Where a source's elements are in this entry; computed vectors are written to their scratch buffer here. */
    private State prepare(Source s) {
        if (s instanceof BranchSource b) {
            ColumnType column = b.branch().column();
            int start = em.newLocal(LeafType.INT32);
            int length = em.newLocal(LeafType.INT32);
            if (column.shape() == Shape.FIXED) {
                mv.visitVarInsn(ILOAD, em.row());
                mv.visitLdcInsn(column.fixedLength());
                mv.visitInsn(IMUL);
                mv.visitVarInsn(ISTORE, start);
                mv.visitLdcInsn(column.fixedLength());
                mv.visitVarInsn(ISTORE, length);
            } else {
                int offsets = em.offsetSlot(b.branch().index());
                mv.visitVarInsn(ALOAD, offsets);
                mv.visitVarInsn(ILOAD, em.row());
                mv.visitInsn(IALOAD);
                mv.visitVarInsn(ISTORE, start);
                em.entrySize(offsets);
                mv.visitVarInsn(ISTORE, length);
            }
            return new State(em.arraySlot(b.branch().index()), start, length);
        }
        Node savedFilter = filter;
        filter = null;
        int scratch = em.prologue().scratch(s.type());
        int n = em.newLocal(LeafType.INT32);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, n);
        Map<Source, State> saved = new HashMap<>(states);
        int k = em.newLocal(LeafType.INT32);
        if (s instanceof Filtered f) {
            Set<Source> zipped = new LinkedHashSet<>(f.values().sources());
            zipped.addAll(f.mask().sources());
            List<Source> all = List.copyOf(zipped);
            int len = domain(all, false, f.position());
            bind(all, k);
            loop(k, len, (next, exit) -> {
                em.branch(f.mask().element(), false, next);
                store(scratch, n, f.values().element(), s.type());
            });
        } else if (s instanceof Nonzero z) {
            int len = domain(z.values().sources(), z.values().drawLoop(), z.position());
            bind(z.values().sources(), k);
            loop(k, len, (next, exit) -> {
                em.branch(z.values().element(), false, next);
                mv.visitVarInsn(ALOAD, scratch);
                mv.visitVarInsn(ILOAD, n);
                mv.visitVarInsn(ILOAD, k);
                mv.visitInsn(I2L);
                mv.visitInsn(LASTORE);
                mv.visitIincInsn(n, 1);
            });
        } else if (s instanceof Taken t) {
            int j = em.newLocal(LeafType.INT32);
            int lenV = domain(t.values().sources(), false, t.position());
            int lenI = domain(t.indices().sources(), false, t.position());
            loop(k, lenI, (next, exit) -> {
                bind(t.indices().sources(), k);
                int index = em.newLocal(LeafType.INT64);
                em.value(t.indices().element());
                em.convert(t.indices().type(), LeafType.INT64);
                mv.visitVarInsn(LSTORE, index);
                mv.visitVarInsn(LLOAD, index);
                mv.visitVarInsn(ILOAD, lenV);
                mv.visitInsn(I2L);
                Label ok = new Label();
                em.unsignedBelow(ok);
                mv.visitLdcInsn(t.position());
                mv.visitVarInsn(ILOAD, em.row());
                mv.visitVarInsn(LLOAD, index);
                mv.visitInsn(ICONST_1);
                mv.visitVarInsn(ILOAD, lenV);
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "vectorIndexOutOfRange", "(IIJZI)" + FAILURE, false);
                mv.visitInsn(ATHROW);
                mv.visitLabel(ok);
                mv.visitVarInsn(LLOAD, index);
                mv.visitInsn(L2I);
                mv.visitVarInsn(ISTORE, j);
                em.releaseFrom(index);
                bind(t.values().sources(), j);
                store(scratch, n, t.values().element(), s.type());
            });
        } else if (s instanceof Head h) {
            int lenV = domain(h.values().sources(), false, h.position());
            int first = em.newLocal(LeafType.INT32);
            int count = em.newLocal(LeafType.INT32);
            int j = em.newLocal(LeafType.INT32);
            em.value(h.count());
            em.convert(h.count().type(), LeafType.INT64);
            mv.visitVarInsn(ILOAD, lenV);
            mv.visitLdcInsn(h.position());
            mv.visitVarInsn(ILOAD, em.row());
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "takeFirst", "(JIII)J", false);
            // The helper packs the first index (high half) and the count (low half).
            mv.visitInsn(DUP2);
            mv.visitLdcInsn(32);
            mv.visitInsn(LUSHR);
            mv.visitInsn(L2I);
            mv.visitVarInsn(ISTORE, first);
            mv.visitInsn(L2I);
            mv.visitVarInsn(ISTORE, count);
            bind(h.values().sources(), j);
            loop(k, count, (next, exit) -> {
                mv.visitVarInsn(ILOAD, first);
                mv.visitVarInsn(ILOAD, k);
                mv.visitInsn(IADD);
                mv.visitVarInsn(ISTORE, j);
                store(scratch, n, h.values().element(), s.type());
            });
        } else {
            throw new IllegalStateException("unknown vector source " + s);
        }
        states = saved;
        filter = savedFilter;
        em.releaseFrom(k);
        return new State(scratch, -1, n);
    }

    /** scratch[n++] = value. */
    private void store(int scratch, int n, Node value, LeafType t) {
        mv.visitVarInsn(ALOAD, scratch);
        mv.visitVarInsn(ILOAD, n);
        em.value(value);
        int op = Emitter.jvm(t).getOpcode(IASTORE);
        mv.visitInsn(op == IASTORE ? intStore(t) : op);
        mv.visitIincInsn(n, 1);
    }

    private void pushZero(LeafType t) {
        Type jvm = Emitter.jvm(t);
        if (jvm == Type.LONG_TYPE) {
            mv.visitInsn(LCONST_0);
        } else if (jvm == Type.FLOAT_TYPE) {
            mv.visitInsn(FCONST_0);
        } else if (jvm == Type.DOUBLE_TYPE) {
            mv.visitInsn(DCONST_0);
        } else {
            mv.visitInsn(ICONST_0);
        }
    }

    /** The body of a loop: {@code next} continues with the next element, {@code exit} leaves the loop. */
    private interface Body {
        void emit(Label next, Label exit);
    }

    private void loop(int k, int len, Body body) {
        loopFrom(k, 0, len, body);
    }

    private void loopFrom(int k, int from, int len, Body body) {
        Label top = new Label();
        Label next = new Label();
        Label exit = new Label();
        mv.visitLdcInsn(from);
        mv.visitVarInsn(ISTORE, k);
        mv.visitLabel(top);
        mv.visitVarInsn(ILOAD, k);
        mv.visitVarInsn(ILOAD, len);
        mv.visitJumpInsn(IF_ICMPGE, exit);
        if (filter != null) {
            em.branch(filter, false, next);
            mv.visitIincInsn(count, 1);
        }
        body.emit(next, exit);
        mv.visitLabel(next);
        mv.visitIincInsn(k, 1);
        mv.visitJumpInsn(GOTO, top);
        mv.visitLabel(exit);
    }
}
