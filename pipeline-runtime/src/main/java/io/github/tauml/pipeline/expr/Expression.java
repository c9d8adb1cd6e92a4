package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.BranchRef;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * A ROOT C++ expression ({@code TTree::Draw} selection, RDataFrame {@code Filter} or {@code Define} string),
 * compiled once to JVM bytecode and evaluated over column batches. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * Expression cut = Expression.compile("tau_pt > 30 && std::abs(tau_eta) < 2.3", ColumnType.schemaOf(tree.branches()));
 * try (ColumnBatches batches = tree.batches(cut.branches(), 0, tree.entries(), 65536, 1)) {
 *     while (batches.hasNext()) {
 *         boolean[] pass = cut.evaluateMask(batches.next());
 *     }
 * }
 * }</pre>
 *
 * <h2>Language</h2>
 * Literals as in C++ ({@code 1}, {@code 1.5}, {@code 1.f}, {@code 2u}, {@code 3ll}, {@code 0x1F}, {@code 0b101},
 * octal {@code 017}, {@code true}); the operators {@code ?: || && | ^ & == != < <= > >= << >> + - * / % ! ~} and
 * unary {@code + -}, with C++ precedence and associativity, and the alternative tokens {@code and or not ...};
 * casts {@code (int) x}, {@code int(x)}, {@code static_cast<unsigned int>(x)} to any arithmetic type, also spelled
 * with ROOT's typedefs ({@code Float_t}, {@code Long64_t}, ...), {@code size_t} and {@code int32_t}-style names;
 * branches by name, a leaf of a leaf list ({@code x/D:y/I}) as {@code branch.leaf}, as TTree::Draw names it;
 * {@code x[i]} and {@code x.size()} (a {@code size_t}, as on RDataFrame's RVec) on array and vector branches, and
 * {@code x[i][j]}, {@code x.size()} and {@code x[i].size()} on {@code vector<vector<T>>} branches (an index out of
 * range fails the entry, see below; a nested vector used whole is refused: RVec operations and TTree::Draw's
 * $-functions do not apply to it); the functions {@code abs fabs sqrt pow exp log log10 sin cos tan asin acos atan atan2 sinh cosh
 * tanh min max floor ceil round hypot isnan isinf}, bare or with {@code std::}, and {@code TMath::} Abs, Sqrt,
 * Power, Exp, Log, Log10, Sin, Cos, Tan, ASin, ACos, ATan, ATan2, SinH, CosH, TanH, Min, Max, Floor, Ceil, Hypot,
 * IsNaN, Pi (with the prefix, as C++ needs it).
 *
 * <h2>Vectors: RDataFrame's RVec</h2>
 * An array or vector branch used whole is an RVec, as in an RDataFrame {@code Filter} or {@code Define}: arithmetic,
 * comparison and logical operators and the functions {@code abs exp log log10 sqrt sin cos tan asin acos atan sinh
 * cosh tanh floor ceil round pow hypot atan2} apply element-wise (with a scalar on either side, or two vectors of
 * equal size); {@code v[v > 0]} keeps the elements whose condition is non-zero; {@code v.size()} and {@code v[i]}
 * work on computed vectors too; and the ROOT::VecOps functions (bare, or with {@code ROOT::VecOps::} or
 * {@code ROOT::}) Sum, Mean, Max, Min, ArgMax, ArgMin, Any, All, Nonzero, Take (indices, or a count {@code n}: the
 * first n, the last -n), DeltaPhi, DeltaR, InvariantMass(pt, eta, phi, mass) of a collection and InvariantMasses
 * of pairs (eight vectors). Types are RVec's:
 * an element-wise operation has the C++ type of the element operation ({@code RVec<float> * 2} is {@code
 * RVec<float>}, {@code RVec<short> * 2} is {@code RVec<int>}), comparisons and {@code && ||} give {@code RVec<int>},
 * unary operators keep the element type, the math functions give float for float and double otherwise; Sum
 * accumulates in the element type ({@code Sum} of an {@code RVec<float>} is a float sum; of bools a size_t), Mean
 * is a double, ArgMax and Nonzero size_t. A vector is no selection: {@link #compile} rejects a vector value, as
 * ROOT does; {@link #compileColumn} accepts it and {@link #evaluate} gives a vector column.
 *
 * <h2>TTree::Draw's functions</h2>
 * {@code Length$(f)}, {@code Sum$(f)}, {@code Min$(f)}, {@code Max$(f)}, {@code MinIf$(f, c)}, {@code MaxIf$(f,
 * c)}: inside them an array used whole loops over its elements (the shortest array decides the count when there are
 * several), with ROOT's documented results: Length$ an int, the others a double; Min$, Max$, MinIf$ and MaxIf$ are 0
 * without (passing) elements. {@code Alt$(x[i], alternate)} is the alternate when an index in its first argument is
 * out of range. {@code Entry$} is the entry's number in the tree (counted from the batch's first entry), {@code
 * Entries$} the tree's entries (given to {@link #compile(String, Map, long)}).
 *
 * <h2>Long selections</h2>
 * A flat chain of {@code ||} or {@code &&} is one node whatever its length: generated selections of tens of
 * thousands of terms compile. Consecutive terms {@code x == k} of one integer branch against constants (run and
 * event lists) become a single set lookup; other long chains are split over several generated methods. Messages
 * show the source around the caret, not a whole long line.
 *
 * <h2>Semantics</h2>
 * Those of C++17 on x86-64 Linux, as g++ compiles them: integral promotion and the usual arithmetic conversions
 * (int op unsigned is unsigned, int op float is float, float op float is computed and rounded in float), unsigned
 * wraparound, integer division and remainder truncating toward zero, NaN comparing false except with {@code !=},
 * NaN true in a boolean context, short-circuit {@code && || ?:}. Function results are typed as the C++ overloads
 * are: std::sqrt of a float is a float, of an int a double; std::pow of two floats a float (C++11), of anything
 * else a double; std::abs of an int an int; TMath::Sqrt always a double, TMath::IsNaN an int, TMath::Abs of a short
 * a short. TMath::ASin, ACos and ATan2 keep ROOT's special cases (clamping, atan2 on x == 0).
 * Transcendental functions compute in double with {@link StrictMath}, so results are the same on every machine; a
 * float result may differ from glibc's float function by one unit in the last place.
 *
 * <h2>Where C++ is undefined or stricter, the choices made here</h2>
 * <ul>
 *   <li>Integer division or remainder by zero, an index outside {@code [0, size)} and a shift count outside
 *       {@code [0, bits)} fail evaluation with an {@link ExpressionException} naming the entry, the branch and index
 *       where there is one, with a caret under the operator or bracket. RDataFrame reads past the end and
 *       TTree::Draw skips the entry; neither is visible, so we stop instead. Guard with {@code n > 0 && x[0] > 1}
 *       or {@code x.size() > 0 && ...}: the right-hand side is not evaluated when the left one decides.</li>
 *   <li>Signed overflow wraps (as g++ {@code -fwrapv}); {@code INT_MIN / -1} is {@code INT_MIN}.</li>
 *   <li>min, max, TMath::Min and TMath::Max with arguments of different types convert both to their common type
 *       (the usual arithmetic conversions), where C++ rejects the call (std::min deduces one type; TMath's
 *       overloads tie). With equal types the result has that type, as in C++: std::min of two shorts is a short.
 *       Likewise TMath::IsNaN, Hypot and Power convert integer arguments to double where C++ finds the overloads
 *       ambiguous, and TMath::Power always returns double (ROOT's overload for two 64-bit integers returns long
 *       double, which this language does not have).</li>
 *   <li>{@code abs} of an unsigned int or unsigned long long is a compile error, as in C++ (ambiguous).</li>
 *   <li>{@code long} and {@code long long} are the same 64-bit type; there is no long double (suffix L).</li>
 *   <li>A cast of a floating value the target type cannot hold (NaN, out of range: undefined in C++) gives what g++
 *       on x86-64 gives: INT_MIN for int and long long, 0 for short and char (converted through int), the low half
 *       of the 64-bit conversion for unsigned int. {@code signed char} is {@code char}.</li>
 *   <li>RVec operations on vectors of different sizes, Max and Min of an empty vector, Take of more elements than
 *       there are and Take or {@code v[i]} with an index out of range fail the entry (RVec throws, or the behaviour
 *       is undefined). DeltaPhi and DeltaR with arguments of different floating types use their common type where C++
 *       wants one type.</li>
 *   <li>Inside TTree::Draw functions scalar arithmetic keeps C++'s types (TTreeFormula computes in double: {@code
 *       Sum$(n / 2)} with an int n differs).</li>
 * </ul>
 * Not supported: strings, two-dimensional arrays other than {@code vector<vector<T>>} ({@code x[n][3]}), assignment and increment, member access other than
 * {@code size()}, lambdas (RVec's Map, Filter with a function), TTree::Draw's implicit loop outside its functions.
 */
public final class Expression {
    private final String source;
    private final LeafType resultType;
    private final List<BranchRef> branches;
    private final Set<String> branchNames;
    private final Kernel kernel;
    private final boolean vector;
    private final long entries;
    /** Passed to the kernel after the branch arrays. */
    private final List<int[]> constants;

    private Expression(String source, LeafType resultType, boolean vector, List<BranchRef> branches, Kernel kernel,
                       List<int[]> constants, long entries) {
        this.constants = constants;
        this.source = source;
        this.resultType = resultType;
        this.vector = vector;
        this.entries = entries;
        this.branches = branches;
        Set<String> names = new LinkedHashSet<>();
        branches.forEach(b -> names.add(b.name()));
        this.branchNames = Collections.unmodifiableSet(names);
        this.kernel = kernel;
    }

    /**
     * Parses, type-checks and compiles a selection or scalar column: one value per entry.
     *
     * @param schema branch name to column type, for instance {@link ColumnType#schemaOf} of a tree's branches
     * @throws ExpressionException a syntax error, an unknown branch or function (with the closest known names), a
     *                             wrong number of arguments, an operator applied to a type it does not take, or a
     *                             vector value (it has no truth value: ROOT does not compile it either)
     */
    public static Expression compile(String source, Map<String, ColumnType> schema) throws ExpressionException {
        return compile(source, schema, -1, false);
    }

    /**
     * As {@link #compile(String, Map)}, for a tree of {@code entries} entries: the value of {@code Entries$}.
     */
    public static Expression compile(String source, Map<String, ColumnType> schema, long entries)
            throws ExpressionException {
        return compile(source, schema, entries, false);
    }

    /**
     * Compiles a column definition (RDataFrame's {@code Define}): as {@link #compile(String, Map)}, but the value
     * may also be a vector ({@code Jet_pt[Jet_pt > 30]}), evaluated to a vector column ({@link #isVector()}).
     *
     * @param entries the tree's entries for {@code Entries$}, or -1 if unknown
     */
    public static Expression compileColumn(String source, Map<String, ColumnType> schema, long entries)
            throws ExpressionException {
        return compile(source, schema, entries, true);
    }

    private static Expression compile(String source, Map<String, ColumnType> schema, long entries,
                                      boolean vectorAllowed) throws ExpressionException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schema, "schema");
        try {
            Parser.Result parsed = Parser.parse(source, schema, entries >= 0);
            Node root = parsed.root();
            if (root instanceof Node.Vec v && !vectorAllowed) {
                throw new CompileFailure("the value is a vector (RVec<" + CTypes.name(v.type()) + ">), which has no"
                        + " truth value; reduce it to one value per entry, e.g. Any(...), Sum(...) > 0, Max(...)"
                        + " or an element such as x[0]", v.position());
            }
            KernelCompiler.Compiled compiled = KernelCompiler.compile(root, parsed.branches());
            return new Expression(source, root.type(), root instanceof Node.Vec, parsed.branches(),
                    compiled.kernel(), compiled.constants(), entries);
        } catch (CompileFailure f) {
            throw f.toException(source);
        } catch (MethodTooLargeException | LimitExceededException e) {
            throw new ExpressionException("expression is too large to compile: its code exceeds the JVM's 64 KB per"
                    + " method", source, 0);
        } catch (StackOverflowError e) {
            // Parsing and code generation recurse on the tree's depth; thousands of levels are no real selection.
            throw new ExpressionException("expression is nested too deeply to compile", source, 0);
        }
    }

    public String source() {
        return source;
    }

    /** The branches the expression reads, in order of first use: the ones a skim must read. */
    public Set<String> branches() {
        return branchNames;
    }

    /**
     * The C++ type of the expression's value: INT32 for an int expression, BOOL for a comparison, and so on; for a
     * vector, the type of its elements (RVec's: a comparison of vectors gives int elements).
     */
    public LeafType resultType() {
        return resultType;
    }

    /** Whether the value is a vector per entry (only from {@link #compileColumn}). */
    public boolean isVector() {
        return vector;
    }

    /** The column the value is: a scalar, or a vector of {@link #resultType()}. */
    public ColumnType columnType() {
        return vector ? ColumnType.vector(resultType) : ColumnType.scalar(resultType);
    }

    /**
     * The expression of every entry of the batch in a C++ boolean context (a selection): non-zero is true, and so
     * is NaN.
     *
     * @throws ExpressionException an entry divides an integer by zero, indexes past an array's end or shifts by too
     *                             much; the message names the entry
     * @throws IllegalArgumentException the batch lacks a branch of {@link #branches()} or holds it with another type
     */
    public boolean[] evaluateMask(Columns batch) throws ExpressionException {
        int n = Math.toIntExact(batch.entries());
        boolean[] out = new boolean[n];
        Object[] values = new Object[branches.size() + constants.size()];
        int[][] offsets = new int[2 * branches.size()][];
        if (vector) {
            throw new IllegalStateException("'" + ExpressionException.excerpt(source) + "' is a vector; it has no"
                    + " truth value");
        }
        bind(batch, n, values, offsets);
        try {
            kernel.mask(values, offsets, n, out, batch.firstEntry(), entries);
        } catch (EvaluationFailure f) {
            throw f.toException(source, batch.firstEntry());
        }
        return out;
    }

    /**
     * The expression of every entry of the batch, as a column of {@link #columnType()} (a new branch to write, say):
     * scalar, or for a vector-valued column a {@link Shape#VECTOR} column with its entry offsets.
     *
     * @throws ExpressionException as {@link #evaluateMask}
     */
    public Column evaluate(Columns batch, String columnName) throws ExpressionException {
        int n = Math.toIntExact(batch.entries());
        if (resultType == LeafType.STRING) {
            throw new IllegalStateException("expressions never have strings as values");
        }
        Object[] values = new Object[branches.size() + constants.size()];
        int[][] offsets = new int[2 * branches.size()][];
        bind(batch, n, values, offsets);
        if (vector) {
            int[] entryOffsets = new int[n + 1];
            Object[] out = {Column.newArray(resultType, Math.max(16, n)), entryOffsets};
            try {
                kernel.values(values, offsets, n, out, batch.firstEntry(), entries);
            } catch (EvaluationFailure f) {
                throw f.toException(source, batch.firstEntry());
            }
            Object trimmed = Column.newArray(resultType, entryOffsets[n]);
            System.arraycopy(out[0], 0, trimmed, 0, entryOffsets[n]);
            return new Column(columnName, resultType, Shape.VECTOR, trimmed, entryOffsets, 1);
        }
        Object out = Column.newArray(resultType, n);
        try {
            kernel.values(values, offsets, n, out, batch.firstEntry(), entries);
        } catch (EvaluationFailure f) {
            throw f.toException(source, batch.firstEntry());
        }
        return new Column(columnName, resultType, Shape.SCALAR, out, null, 1);
    }

    /** Checks the batch's columns against the schema the expression was compiled for, and hands out their arrays. */
    private void bind(Columns batch, int n, Object[] values, int[][] offsets) {
        for (BranchRef b : branches) {
            Column c = batch.columns().get(b.name());
            if (c == null) {
                throw new IllegalArgumentException("expression '" + ExpressionException.excerpt(source)
                        + "' reads branch '" + b.name()
                        + "', which the batch lacks; it has " + batch.columns().keySet());
            }
            ColumnType want = b.column();
            boolean sameLayout = c.shape() == want.shape()
                    && (want.shape() != Shape.FIXED || c.fixedLength() == want.fixedLength());
            if (c.type() != want.type() || !sameLayout) {
                throw new IllegalArgumentException("expression '" + ExpressionException.excerpt(source)
                        + "' was compiled for branch '" + b.name()
                        + "' as " + want.describe() + ", but the batch holds "
                        + new ColumnType(c.type(), c.shape(), c.fixedLength()).describe());
            }
            if (c.entries() != n) {
                throw new IllegalArgumentException("column '" + b.name() + "' has " + c.entries()
                        + " entries, the batch " + n);
            }
            values[b.index()] = c.values();
            offsets[b.index()] = c.offsets();
            if (c.shape() == Shape.VECTOR_VECTOR) {
                offsets[branches.size() + b.index()] = c.innerOffsets();
            }
        }
        for (int i = 0; i < constants.size(); i++) {
            values[branches.size() + i] = constants.get(i);
        }
    }

    @Override
    public String toString() {
        return ExpressionException.excerpt(source) + " (" + (vector ? "RVec<" + CTypes.name(resultType) + ">"
                : CTypes.name(resultType)) + ")";
    }
}
