package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.BranchRef;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates the {@link Kernel} of an expression as a hidden class (unloaded once the expression is unreachable).
 * Each method casts the branch arrays into locals once, then runs one counted loop over the entries.
 */
final class KernelCompiler implements Opcodes {
    private static final String CLASS_NAME = "io/github/tauml/pipeline/expr/GeneratedKernel";
    private static final String MASK = "([Ljava/lang/Object;[[II[Z)V";
    private static final String VALUES = "([Ljava/lang/Object;[[IILjava/lang/Object;)V";
    /** Locals 0-4 are this and the arguments; the entry counter comes next. */
    private static final int VALUES_ARG = 1;
    private static final int OFFSETS_ARG = 2;
    private static final int ENTRIES_ARG = 3;
    private static final int OUT_ARG = 4;
    static final int ROW = 5;

    private KernelCompiler() {
    }

    static Kernel compile(Node root, List<BranchRef> branches) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, CLASS_NAME, null, "java/lang/Object",
                new String[] {"io/github/tauml/pipeline/expr/Kernel"});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        method(cw, root, branches, true);
        method(cw, root, branches, false);
        cw.visitEnd();
        try {
            Class<?> kernel = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true).lookupClass();
            return (Kernel) kernel.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated kernel cannot be loaded", e);
        }
    }

    private static void method(ClassWriter cw, Node root, List<BranchRef> branches, boolean mask) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, mask ? "mask" : "values", mask ? MASK : VALUES, null, null);
        mv.visitCode();
        int next = ROW + 1;
        int[] arraySlots = new int[branches.size()];
        int[] offsetSlots = new int[branches.size()];
        for (BranchRef b : branches) {
            mv.visitVarInsn(ALOAD, VALUES_ARG);
            mv.visitLdcInsn(b.index());
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, arrayDescriptor(b.column().type()));
            arraySlots[b.index()] = next;
            mv.visitVarInsn(ASTORE, next++);
            Shape shape = b.column().shape();
            if (shape == Shape.JAGGED || shape == Shape.VECTOR) {
                mv.visitVarInsn(ALOAD, OFFSETS_ARG);
                mv.visitLdcInsn(b.index());
                mv.visitInsn(AALOAD);
                offsetSlots[b.index()] = next;
                mv.visitVarInsn(ASTORE, next++);
            }
        }
        int out = OUT_ARG;
        if (!mask) {
            mv.visitVarInsn(ALOAD, OUT_ARG);
            mv.visitTypeInsn(CHECKCAST, arrayDescriptor(root.type()));
            out = next;
            mv.visitVarInsn(ASTORE, next++);
        }
        Emitter emitter = new Emitter(mv, arraySlots, offsetSlots, next);
        Label loop = new Label();
        Label done = new Label();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, ROW);
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, ROW);
        mv.visitVarInsn(ILOAD, ENTRIES_ARG);
        mv.visitJumpInsn(IF_ICMPGE, done);
        mv.visitVarInsn(ALOAD, out);
        mv.visitVarInsn(ILOAD, ROW);
        if (mask) {
            emitter.truth(root);
            mv.visitInsn(BASTORE);
        } else {
            emitter.value(root);
            mv.visitInsn(arrayStore(root.type()));
        }
        mv.visitIincInsn(ROW, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static String arrayDescriptor(LeafType t) {
        return switch (t) {
            case BOOL -> "[Z";
            case INT8, UINT8 -> "[B";
            case INT16, UINT16 -> "[S";
            case INT32, UINT32 -> "[I";
            case INT64, UINT64 -> "[J";
            case FLOAT32 -> "[F";
            case FLOAT64 -> "[D";
            case STRING -> throw new IllegalArgumentException("strings have no kernel array");
        };
    }

    private static int arrayStore(LeafType t) {
        return switch (t) {
            case BOOL, INT8, UINT8 -> BASTORE;
            case INT16, UINT16 -> SASTORE;
            case INT32, UINT32 -> IASTORE;
            case INT64, UINT64 -> LASTORE;
            case FLOAT32 -> FASTORE;
            case FLOAT64 -> DASTORE;
            case STRING -> throw new IllegalArgumentException("strings have no kernel array");
        };
    }
}
