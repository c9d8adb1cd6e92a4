package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.BranchRef;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates the {@link Kernel} of an expression as a hidden class (unloaded once the expression is unreachable).
 * Each method casts the branch arrays into locals once, allocates the scratch buffers vectors need once per batch,
 * then runs one counted loop over the entries. The terms of a long {@code ||} or {@code &&} chain go to static chunk
 * methods, so that no method exceeds the JVM's limits.
 */
final class KernelCompiler implements Opcodes {
    static final String CLASS_NAME = "io/github/tauml/pipeline/expr/GeneratedKernel";
    private static final String MASK = "([Ljava/lang/Object;[[II[ZJJ)V";
    private static final String VALUES = "([Ljava/lang/Object;[[IILjava/lang/Object;JJ)V";
    static final String CHUNK = "([Ljava/lang/Object;[[IIJJ[Ljava/lang/Object;)Z";
    /** Locals of mask and values: this and the arguments; the entry counter comes next. */
    private static final Emitter.Slots MAIN = new Emitter.Slots(1, 2, 9, 5, 7);
    private static final int ENTRIES_ARG = 3;
    private static final int OUT_ARG = 4;
    /** Locals of a chunk method: its arguments; the last one holds the chunks' scratch buffers. */
    private static final Emitter.Slots CHUNK_SLOTS = new Emitter.Slots(0, 1, 2, 3, 5);
    private static final int CHUNK_SCRATCH_ARG = 7;
    /** Locals reserved for per-batch scratch buffers. */
    private static final int SCRATCH_SLOTS = 64;

    private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    private final List<BranchRef> branches;
    private final Map<List<Object>, String> chunks = new HashMap<>();
    /** Scratch buffers of chunk methods: a LeafType (an array as long as the largest branch) or a size (doubles). */
    private final List<Object> chunkScratch = new ArrayList<>();
    /** Constants of the kernel (sorted key sets), passed in the values array after the branches. */
    private final List<int[]> constants = new ArrayList<>();

    /** The generated kernel and the constants to pass after the branch arrays. */
    record Compiled(Kernel kernel, List<int[]> constants) {
    }

    private int constantIndex(int[] value) {
        for (int i = 0; i < constants.size(); i++) {
            if (constants.get(i) == value) {
                return branches.size() + i;
            }
        }
        constants.add(value);
        return branches.size() + constants.size() - 1;
    }

    /** Code loading a constant into a local; the values array is in {@code valuesSlot}. */
    private Runnable loadConstant(MethodVisitor mv, int valuesSlot, int index, int slot) {
        return () -> {
            mv.visitVarInsn(ALOAD, valuesSlot);
            mv.visitLdcInsn(index);
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, "[I");
            mv.visitVarInsn(ASTORE, slot);
        };
    }

    private static CompileFailure tooMany() {
        return new CompileFailure("expression needs more than " + SCRATCH_SLOTS + " computed vectors and long value"
                + " lists; split it into several columns", 0);
    }

    private KernelCompiler(List<BranchRef> branches) {
        this.branches = branches;
    }

    static Compiled compile(Node root, List<BranchRef> branches) {
        KernelCompiler k = new KernelCompiler(branches);
        ClassWriter cw = k.cw;
        cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, CLASS_NAME, null, "java/lang/Object",
                new String[] {"io/github/tauml/pipeline/expr/Kernel"});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        boolean vector = root instanceof Vec;
        if (vector) {
            k.unsupported("mask", MASK);
        } else {
            k.method(root, true);
        }
        k.method(root, false);
        cw.visitEnd();
        try {
            Class<?> kernel = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true).lookupClass();
            return new Compiled((Kernel) kernel.getDeclaredConstructor().newInstance(), List.copyOf(k.constants));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated kernel cannot be loaded", e);
        }
    }

    private void unsupported(String name, String descriptor) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, name, descriptor, null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("a vector-valued expression has no truth value");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Loads the branch arrays (and offsets) into locals from {@code next}; returns the next free local. {@code
     * offsetSlots} has two slots per branch: entry offsets at the branch's index, inner offsets of a {@code
     * vector<vector<T>>} branch at branch count + index.
     */
    private int loadBranches(MethodVisitor mv, Emitter.Slots slots, int next, int[] arraySlots, int[] offsetSlots) {
        for (BranchRef b : branches) {
            mv.visitVarInsn(ALOAD, slots.values());
            mv.visitLdcInsn(b.index());
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, arrayDescriptor(b.column().type()));
            arraySlots[b.index()] = next;
            mv.visitVarInsn(ASTORE, next++);
            Shape shape = b.column().shape();
            if (shape == Shape.JAGGED || shape == Shape.VECTOR || shape == Shape.VECTOR_VECTOR) {
                mv.visitVarInsn(ALOAD, slots.offsets());
                mv.visitLdcInsn(b.index());
                mv.visitInsn(AALOAD);
                offsetSlots[b.index()] = next;
                mv.visitVarInsn(ASTORE, next++);
            }
            if (shape == Shape.VECTOR_VECTOR) {
                // The inner offsets come after every branch's entry offsets.
                mv.visitVarInsn(ALOAD, slots.offsets());
                mv.visitLdcInsn(branches.size() + b.index());
                mv.visitInsn(AALOAD);
                offsetSlots[branches.size() + b.index()] = next;
                mv.visitVarInsn(ASTORE, next++);
            }
        }
        return next;
    }

    /** Per-batch allocations requested while the loop is generated; emitted after it and jumped to first. */
    private final class BatchPrologue implements Emitter.Prologue {
        private final int[] offsetSlots;
        private final List<Runnable> code = new ArrayList<>();
        private final MethodVisitor mv;
        private int next;
        private final int end;
        private int bound = -1;
        private int chunkScratchSlot = -1;

        BatchPrologue(MethodVisitor mv, int[] offsetSlots, int first) {
            this.mv = mv;
            this.offsetSlots = offsetSlots;
            this.next = first;
            this.end = first + SCRATCH_SLOTS;
        }

        private int slot() {
            if (next >= end) {
                throw tooMany();
            }
            if (bound < 0) {
                bound = next++;
            }
            return next++;
        }

        @Override
        public int scratch(LeafType type) {
            int s = slot();
            code.add(() -> {
                mv.visitVarInsn(ILOAD, bound);
                newArray(mv, type);
                mv.visitVarInsn(ASTORE, s);
            });
            return s;
        }

        @Override
        public int doubles(int size) {
            int s = slot();
            code.add(() -> {
                mv.visitLdcInsn(size);
                mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                mv.visitVarInsn(ASTORE, s);
            });
            return s;
        }

        @Override
        public String chunk(Operator op, List<Node> terms) {
            return KernelCompiler.this.chunk(op, terms);
        }

        @Override
        public int constant(int[] value) {
            int s = slot();
            code.add(loadConstant(mv, MAIN.values(), constantIndex(value), s));
            return s;
        }

        @Override
        public String outline(Node n) {
            return KernelCompiler.this.outline(n);
        }

        @Override
        public int chunkScratch() {
            if (chunkScratchSlot < 0) {
                chunkScratchSlot = slot();
            }
            return chunkScratchSlot;
        }

        /** The longest entry of the batch's array branches bounds every vector an entry computes. */
        void emit() {
            if (bound >= 0) {
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, bound);
                for (BranchRef b : branches) {
                    Shape shape = b.column().shape();
                    if (!b.column().isArray()) {
                        continue;
                    }
                    mv.visitVarInsn(ILOAD, bound);
                    if (shape == Shape.FIXED) {
                        mv.visitLdcInsn(b.column().fixedLength());
                    } else {
                        mv.visitVarInsn(ALOAD, offsetSlots[b.index()]);
                        mv.visitVarInsn(ILOAD, ENTRIES_ARG);
                        mv.visitMethodInsn(INVOKESTATIC, KernelSupport.INTERNAL_NAME, "longestEntry", "([II)I",
                                false);
                    }
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false);
                    mv.visitVarInsn(ISTORE, bound);
                }
            }
            code.forEach(Runnable::run);
            if (chunkScratchSlot >= 0) {
                mv.visitLdcInsn(chunkScratch.size());
                mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
                mv.visitVarInsn(ASTORE, chunkScratchSlot);
                for (int i = 0; i < chunkScratch.size(); i++) {
                    mv.visitVarInsn(ALOAD, chunkScratchSlot);
                    mv.visitLdcInsn(i);
                    if (chunkScratch.get(i) instanceof LeafType t) {
                        mv.visitVarInsn(ILOAD, bound);
                        newArray(mv, t);
                    } else {
                        mv.visitLdcInsn((Integer) chunkScratch.get(i));
                        mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                    }
                    mv.visitInsn(AASTORE);
                }
            }
        }
    }

    /** A chunk method's scratch: buffers the main method allocated, taken from the array it passes. */
    private final class ChunkPrologue implements Emitter.Prologue {
        private final MethodVisitor mv;
        private final List<Runnable> code = new ArrayList<>();
        private int next;
        private final int end;

        ChunkPrologue(MethodVisitor mv, int first) {
            this.mv = mv;
            this.next = first;
            this.end = first + SCRATCH_SLOTS;
        }

        private int take(Object spec, String descriptor) {
            if (next >= end) {
                throw tooMany();
            }
            int s = next++;
            int index = chunkScratch.size();
            chunkScratch.add(spec);
            code.add(() -> {
                mv.visitVarInsn(ALOAD, CHUNK_SCRATCH_ARG);
                mv.visitLdcInsn(index);
                mv.visitInsn(AALOAD);
                mv.visitTypeInsn(CHECKCAST, descriptor);
                mv.visitVarInsn(ASTORE, s);
            });
            return s;
        }

        @Override
        public int scratch(LeafType type) {
            return take(type, arrayDescriptor(type));
        }

        @Override
        public int doubles(int size) {
            return take(size, "[D");
        }

        @Override
        public String chunk(Operator op, List<Node> terms) {
            return KernelCompiler.this.chunk(op, terms);
        }

        @Override
        public int chunkScratch() {
            return CHUNK_SCRATCH_ARG;
        }

        @Override
        public String outline(Node n) {
            return KernelCompiler.this.outline(n);
        }

        @Override
        public int constant(int[] value) {
            if (next >= end) {
                throw tooMany();
            }
            int s = next++;
            code.add(loadConstant(mv, CHUNK_SLOTS.values(), constantIndex(value), s));
            return s;
        }

        void emit() {
            code.forEach(Runnable::run);
        }
    }

    private void method(Node root, boolean mask) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, mask ? "mask" : "values", mask ? MASK : VALUES, null, null);
        mv.visitCode();
        int[] arraySlots = new int[branches.size()];
        int[] offsetSlots = new int[2 * branches.size()];
        int next = loadBranches(mv, MAIN, MAIN.row() + 1, arraySlots, offsetSlots);
        boolean vector = root instanceof Vec;
        int out = OUT_ARG;
        int count = -1;
        int outOffsets = -1;
        String outDescriptor = arrayDescriptor(root.type());
        if (vector) {
            // out = Object[] {values, offsets}
            mv.visitVarInsn(ALOAD, OUT_ARG);
            mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
            mv.visitInsn(ICONST_1);
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, "[I");
            outOffsets = next++;
            mv.visitVarInsn(ASTORE, outOffsets);
            mv.visitVarInsn(ALOAD, OUT_ARG);
            mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
            mv.visitInsn(ICONST_0);
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, outDescriptor);
            out = next++;
            mv.visitVarInsn(ASTORE, out);
            count = next++;
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, count);
        } else if (!mask) {
            mv.visitVarInsn(ALOAD, OUT_ARG);
            mv.visitTypeInsn(CHECKCAST, outDescriptor);
            out = next++;
            mv.visitVarInsn(ASTORE, out);
        }
        BatchPrologue prologue = new BatchPrologue(mv, offsetSlots, next);
        Emitter emitter = new Emitter(mv, arraySlots, offsetSlots, MAIN, next + SCRATCH_SLOTS, prologue);
        Label prologueCode = new Label();
        Label start = new Label();
        mv.visitJumpInsn(GOTO, prologueCode);
        mv.visitLabel(start);
        Label loop = new Label();
        Label done = new Label();
        int row = MAIN.row();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, row);
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, row);
        mv.visitVarInsn(ILOAD, ENTRIES_ARG);
        mv.visitJumpInsn(IF_ICMPGE, done);
        if (vector) {
            emitter.vectorOutput((Vec) root, out, outDescriptor, count, outOffsets);
        } else {
            mv.visitVarInsn(ALOAD, out);
            mv.visitVarInsn(ILOAD, row);
            if (mask) {
                emitter.truth(root);
                mv.visitInsn(BASTORE);
            } else {
                emitter.value(root);
                mv.visitInsn(arrayStore(root.type()));
            }
        }
        mv.visitIincInsn(row, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        if (vector) {
            mv.visitVarInsn(ALOAD, OUT_ARG);
            mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ALOAD, out);
            mv.visitInsn(AASTORE);
        }
        mv.visitInsn(RETURN);
        mv.visitLabel(prologueCode);
        prologue.emit();
        mv.visitJumpInsn(GOTO, start);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The descriptor of an outlined method: the chunk arguments, returning the JVM form of {@code type}. */
    static String outlinedDescriptor(LeafType type) {
        return CHUNK.substring(0, CHUNK.length() - 1) + Emitter.jvm(type).getDescriptor();
    }

    /** A static method computing a reduction or a vector's element for one entry, shared by all callers. */
    private String outline(Node n) {
        List<Object> key = List.of("outline", n);
        String existing = chunks.get(key);
        if (existing != null) {
            return existing;
        }
        String name = "vector" + chunks.size();
        chunks.put(key, name);
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, outlinedDescriptor(n.type()), null, null);
        mv.visitCode();
        int[] arraySlots = new int[branches.size()];
        int[] offsetSlots = new int[2 * branches.size()];
        int next = loadBranches(mv, CHUNK_SLOTS, CHUNK_SCRATCH_ARG + 1, arraySlots, offsetSlots);
        ChunkPrologue prologue = new ChunkPrologue(mv, next);
        Emitter emitter = new Emitter(mv, arraySlots, offsetSlots, CHUNK_SLOTS, next + SCRATCH_SLOTS, prologue);
        Label prologueCode = new Label();
        Label start = new Label();
        mv.visitJumpInsn(GOTO, prologueCode);
        mv.visitLabel(start);
        emitter.inline(n);
        mv.visitInsn(Emitter.jvm(n.type()).getOpcode(IRETURN));
        mv.visitLabel(prologueCode);
        prologue.emit();
        mv.visitJumpInsn(GOTO, start);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return name;
    }

    /** A static method evaluating a run of chain terms, shared by mask and values. */
    private String chunk(Operator op, List<Node> terms) {
        List<Object> key = new ArrayList<>();
        key.add(op);
        key.addAll(terms);
        String existing = chunks.get(key);
        if (existing != null) {
            return existing;
        }
        String name = "chunk" + chunks.size();
        chunks.put(key, name);
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK, null, null);
        mv.visitCode();
        int[] arraySlots = new int[branches.size()];
        int[] offsetSlots = new int[2 * branches.size()];
        int next = loadBranches(mv, CHUNK_SLOTS, CHUNK_SCRATCH_ARG + 1, arraySlots, offsetSlots);
        ChunkPrologue prologue = new ChunkPrologue(mv, next);
        Emitter emitter = new Emitter(mv, arraySlots, offsetSlots, CHUNK_SLOTS, next + SCRATCH_SLOTS, prologue);
        Label prologueCode = new Label();
        Label start = new Label();
        mv.visitJumpInsn(GOTO, prologueCode);
        mv.visitLabel(start);
        boolean or = op == Operator.LOGICAL_OR;
        Label decided = new Label();
        for (Node t : terms) {
            emitter.branchTo(t, or, decided);
        }
        mv.visitInsn(or ? ICONST_0 : ICONST_1);
        mv.visitInsn(IRETURN);
        mv.visitLabel(decided);
        mv.visitInsn(or ? ICONST_1 : ICONST_0);
        mv.visitInsn(IRETURN);
        mv.visitLabel(prologueCode);
        prologue.emit();
        mv.visitJumpInsn(GOTO, start);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return name;
    }

    private static void newArray(MethodVisitor mv, LeafType t) {
        int type = switch (t) {
            case BOOL -> T_BOOLEAN;
            case INT8, UINT8 -> T_BYTE;
            case INT16, UINT16 -> T_SHORT;
            case INT32, UINT32 -> T_INT;
            case INT64, UINT64 -> T_LONG;
            case FLOAT32 -> T_FLOAT;
            case FLOAT64 -> T_DOUBLE;
            case STRING -> throw new IllegalArgumentException("strings have no kernel array");
        };
        mv.visitIntInsn(NEWARRAY, type);
    }

    static String arrayDescriptor(LeafType t) {
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
