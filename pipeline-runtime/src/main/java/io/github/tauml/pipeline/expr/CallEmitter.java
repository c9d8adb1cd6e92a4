package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.Call;
import io.github.tauml.rootio.tree.LeafType;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Emits function calls for {@link Emitter}: a static double method, or inline code where the JVM has the operation. */
final class CallEmitter implements Opcodes {
    private final Emitter emitter;
    private final MethodVisitor mv;

    CallEmitter(Emitter emitter, MethodVisitor mv) {
        this.emitter = emitter;
        this.mv = mv;
    }

    /** Pushes the call's value. */
    void emit(Call c) {
        MathFunction f = c.function();
        LeafType t = c.type();
        switch (f) {
            case ABS -> {
                emitter.value(c.arguments().get(0));
                // TMath::Abs(Short_t) computes in int and narrows back, as its Short_t(-d) does.
                String d = Emitter.jvm(t == LeafType.INT16 ? LeafType.INT32 : t).getDescriptor();
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(" + d + ")" + d, false);
                if (t == LeafType.INT16) {
                    mv.visitInsn(I2S);
                }
            }
            case ISNAN, ISINF -> {
                Node x = c.arguments().get(0);
                emitter.value(x);
                if (CTypes.isFloating(x.type())) {
                    String owner = x.type() == LeafType.FLOAT32 ? "java/lang/Float" : "java/lang/Double";
                    mv.visitMethodInsn(INVOKESTATIC, owner, f == MathFunction.ISNAN ? "isNaN" : "isInfinite",
                            "(" + Emitter.jvm(x.type()).getDescriptor() + ")Z", false);
                } else {
                    // An integer is never NaN or infinite, but evaluating it may still fail the entry.
                    mv.visitInsn(CTypes.isWide(x.type()) ? POP2 : POP);
                    mv.visitInsn(ICONST_0);
                }
            }
            case MIN, MAX, TMATH_MIN, TMATH_MAX -> minMax(c);
            case INVARIANT_MASSES -> {
                for (Node a : c.arguments()) {
                    emitter.value(a);
                    if (t == LeafType.FLOAT32) {
                        mv.visitInsn(F2D);
                    }
                }
                mv.visitInsn(t == LeafType.FLOAT32 ? ICONST_1 : ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, KernelSupport.INTERNAL_NAME, "invariantMasses", "(DDDDDDDDZ)D", false);
                if (t == LeafType.FLOAT32) {
                    mv.visitInsn(D2F);
                }
            }
            case DELTA_PHI -> {
                for (Node a : c.arguments()) {
                    emitter.value(a);
                    if (t == LeafType.FLOAT32) {
                        mv.visitInsn(F2D);
                    }
                }
                mv.visitInsn(t == LeafType.FLOAT32 ? ICONST_1 : ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, KernelSupport.INTERNAL_NAME, "deltaPhi", "(DDDZ)D", false);
                if (t == LeafType.FLOAT32) {
                    mv.visitInsn(D2F);
                }
            }
            default -> {
                for (Node a : c.arguments()) {
                    emitter.value(a);
                    if (t == LeafType.FLOAT32) {
                        mv.visitInsn(F2D);
                    }
                }
                mv.visitMethodInsn(INVOKESTATIC, f.owner(), f.method(), f.descriptor(), false);
                if (t == LeafType.FLOAT32) {
                    mv.visitInsn(D2F);
                }
            }
        }
    }

    /**
     * The exact comparisons of std::min/max and TMath::Min/Max: they decide which argument comes back when one is
     * NaN, and which zero when comparing 0.0 with -0.0.
     */
    private void minMax(Call c) {
        LeafType t = c.type();
        Type jvm = Emitter.jvm(t);
        int a = emitter.newLocal(t);
        int b = emitter.newLocal(t);
        emitter.value(c.arguments().get(0));
        mv.visitVarInsn(jvm.getOpcode(ISTORE), a);
        emitter.value(c.arguments().get(1));
        mv.visitVarInsn(jvm.getOpcode(ISTORE), b);
        // Each form is "first op second ? chosen : other".
        int first;
        int second;
        Operator op;
        int chosen;
        switch (c.function()) {
            case MIN -> { first = b; second = a; op = Operator.LT; chosen = b; }
            case MAX -> { first = a; second = b; op = Operator.LT; chosen = b; }
            case TMATH_MIN -> { first = a; second = b; op = Operator.LE; chosen = a; }
            default -> { first = a; second = b; op = Operator.GE; chosen = a; }
        }
        int other = chosen == a ? b : a;
        Label otherwise = new Label();
        Label done = new Label();
        mv.visitVarInsn(jvm.getOpcode(ILOAD), first);
        mv.visitVarInsn(jvm.getOpcode(ILOAD), second);
        emitter.compareJump(t, op, false, otherwise);
        mv.visitVarInsn(jvm.getOpcode(ILOAD), chosen);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(otherwise);
        mv.visitVarInsn(jvm.getOpcode(ILOAD), other);
        mv.visitLabel(done);
        emitter.releaseFrom(a);
    }
}
