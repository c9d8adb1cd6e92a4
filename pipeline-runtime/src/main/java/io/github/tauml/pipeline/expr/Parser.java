package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.BranchRef;
import io.github.tauml.pipeline.expr.Token.Kind;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive descent over C++'s expression grammar, without assignment and comma: conditional, then binary
 * operators by precedence (all left-associative), prefix operators, then primaries with their postfix
 * {@code [i]} and {@code .size()}. Nodes are typed as they are built.
 */
final class Parser {
    private final List<Token> tokens;
    private final Map<String, ColumnType> schema;
    private final Map<String, BranchRef> used = new LinkedHashMap<>();
    private final boolean knowsEntries;
    private int at;
    /** Depth of TTree::Draw $-function arguments being parsed: there, a bare array is its elements, looped over. */
    private int drawDepth;

    /** The typed tree and the branches it reads, in order of first use. */
    record Result(Node root, List<BranchRef> branches) {
        Result {
            branches = List.copyOf(branches);
        }
    }

    private Parser(List<Token> tokens, Map<String, ColumnType> schema, boolean knowsEntries) {
        this.tokens = tokens;
        this.schema = schema;
        this.knowsEntries = knowsEntries;
    }

    /**
     * @param knowsEntries whether the tree's number of entries will be given ({@code Entries$})
     */
    static Result parse(String source, Map<String, ColumnType> schema, boolean knowsEntries) {
        Parser p = new Parser(Lexer.tokenize(source), schema, knowsEntries);
        Node root = p.conditional();
        Token rest = p.peek();
        if (rest.kind() != Kind.END) {
            throw new CompileFailure(rest.is("=") ? "'=' is assignment; use '==' to compare"
                    : "expected an operator, found " + rest.describe(), rest.position());
        }
        return new Result(root, new ArrayList<>(p.used.values()));
    }

    /** {@code a ? b : c}; the middle operand is a full expression and the last one associates to the right. */
    private Node conditional() {
        Node condition = binary(1);
        if (!peek().is("?")) {
            return condition;
        }
        Token question = advance();
        Node whenTrue = conditional();
        expect(":");
        Node whenFalse = conditional();
        return Typing.conditional(condition, whenTrue, whenFalse, question.position());
    }

    private Node binary(int minPrecedence) {
        Node left = unary();
        while (true) {
            Token t = peek();
            Operator op = t.kind() == Kind.OPERATOR ? Operator.binary(t.symbol()) : null;
            if (op == null || op.precedence() < minPrecedence) {
                return left;
            }
            advance();
            if (op == Operator.LOGICAL_OR || op == Operator.LOGICAL_AND) {
                // A chain a || b || c ... is gathered in one list: generated selections have thousands of terms.
                List<Node> terms = new ArrayList<>(List.of(left, binary(op.precedence() + 1)));
                while (peek().is(op.symbol())) {
                    advance();
                    terms.add(binary(op.precedence() + 1));
                }
                left = Typing.chain(op, terms, t.position());
                continue;
            }
            Node right = binary(op.precedence() + 1);
            left = Typing.binary(op, left, right, t.position());
        }
    }

    private Node unary() {
        Token t = peek();
        if (t.is("(")) {
            TypeName type = typeName(at + 1);
            if (type != null && tokens.get(at + 1 + type.tokens()).is(")")) {
                // A C-style cast: (type) operand, binding like a prefix operator.
                at += 2 + type.tokens();
                return cast(unary(), type.type(), t.position());
            }
        }
        if (t.is("+") || t.is("-") || t.is("!") || t.is("~")) {
            advance();
            return Typing.unary(t.symbol(), unary(), t.position());
        }
        if (t.is("++") || t.is("--")) {
            throw new CompileFailure("'" + t.text() + "' modifies a variable, which an expression cannot do",
                    t.position());
        }
        return primary();
    }

    private Node primary() {
        return postfix(operand());
    }

    private Node operand() {
        Token t = advance();
        if (t.kind() == Kind.NUMBER) {
            return t.literal();
        }
        if (t.is("(")) {
            Node inner = conditional();
            expect(")");
            return inner;
        }
        if (t.kind() == Kind.IDENTIFIER && t.text().equals("static_cast")) {
            expect("<");
            TypeName type = typeName(at);
            if (type == null) {
                throw new CompileFailure("expected an arithmetic type after 'static_cast<', found "
                        + peek().describe(), peek().position());
            }
            at += type.tokens();
            expect(">");
            expect("(");
            Node operand = conditional();
            expect(")");
            return cast(operand, type.type(), t.position());
        }
        if (t.kind() == Kind.IDENTIFIER) {
            at--;
            TypeName type = typeName(at);
            if (type != null && type.oneWord() && tokens.get(at + type.tokens()).is("(")) {
                // A functional cast: int(x).
                at += type.tokens() + 1;
                Node operand = conditional();
                expect(")");
                return cast(operand, type.type(), t.position());
            }
            at++;
        }
        if (t.kind() != Kind.IDENTIFIER) {
            throw new CompileFailure("expected an operand, found " + t.describe(), t.position());
        }
        if (t.text().equals("true") || t.text().equals("false")) {
            return new Node.Constant(LeafType.BOOL, t.text().equals("true") ? 1 : 0, t.position());
        }
        StringBuilder name = new StringBuilder(t.text());
        while (peek().is("::")) {
            advance();
            Token part = advance();
            if (part.kind() != Kind.IDENTIFIER) {
                throw new CompileFailure("expected a name after '::', found " + part.describe(), part.position());
            }
            name.append("::").append(part.text());
        }
        leafName(name);
        if (peek().is("(")) {
            return call(name.toString(), t.position());
        }
        return branch(name.toString(), t.position());
    }

    /**
     * {@code branch.leaf}: a leaf of a leaf list ({@code x/D:y/I}), a column named as ROOT's {@code TTree::Draw}
     * names it. The dot joins the name while the joined name is (or begins) a column; a dot followed by a call, as in
     * {@code x.size()}, is a member access.
     */
    private void leafName(StringBuilder name) {
        while (peek().is(".")) {
            Token leaf = tokens.get(at + 1);
            if (!isWord(leaf) || tokens.get(at + 2).is("(")) {
                return;
            }
            String joined = name + "." + leaf.text();
            if (!schema.containsKey(joined) && !hasColumnsUnder(joined)) {
                return;
            }
            at += 2;
            name.setLength(0);
            name.append(joined);
        }
    }

    /** An identifier, or a word the lexer reads as an operator ({@code and}, {@code not}) that may name a leaf. */
    private static boolean isWord(Token t) {
        return t.kind() == Kind.IDENTIFIER
                || (t.kind() == Kind.OPERATOR && !t.text().isEmpty() && Character.isLetter(t.text().charAt(0)));
    }

    /** Whether some column is named {@code prefix.something}: {@code prefix} is a leaf-list branch. */
    private boolean hasColumnsUnder(String prefix) {
        String dotted = prefix + ".";
        for (String k : schema.keySet()) {
            if (k.startsWith(dotted)) {
                return true;
            }
        }
        return false;
    }

    private Node call(String name, int position) {
        advance();
        List<Node> args = new ArrayList<>();
        boolean draw = Functions.isDrawFunction(name);
        drawDepth += draw ? 1 : 0;
        if (!peek().is(")")) {
            do {
                args.add(conditional());
            } while (accept(","));
        }
        expect(")");
        drawDepth -= draw ? 1 : 0;
        return Functions.call(name, args, position);
    }

    /** {@code [i]}, {@code [mask]} and {@code .size()} after a vector-valued operand. */
    private Node postfix(Node base) {
        while (peek().is("[") || peek().is(".")) {
            Token t = advance();
            if (!(base instanceof Node.Vec v)) {
                throw new CompileFailure(t.is("[") ? "a " + CTypes.name(base.type()) + " cannot be indexed"
                        : "a " + CTypes.name(base.type()) + " has no members", t.position());
            }
            if (t.is("[")) {
                Node index = conditional();
                expect("]");
                base = index(v, index, t.position());
            } else {
                size();
                base = new Node.Reduce(Reduction.SIZE, v.sources(), List.of(v.element()), v.drawLoop(),
                        LeafType.UINT64, t.position());
            }
        }
        return base;
    }

    /** {@code v[i]}: an element, or with a vector of conditions RVec's {@code v[v > 0]}. */
    private Node index(Node.Vec v, Node index, int position) {
        if (index instanceof Node.Vec mask) {
            Node.Filtered f = new Node.Filtered(v, mask, position);
            return new Node.Vec(List.of(f), new Node.Lane(f, position), false, position);
        }
        if (!CTypes.isIntegral(index.type())) {
            throw new CompileFailure("array index must be an integer, got " + CTypes.name(index.type()),
                    index.position());
        }
        return new Node.VecElement(v, index, position);
    }

    /** The rest of {@code .size()} after the dot. */
    private void size() {
        Token member = advance();
        if (member.kind() != Kind.IDENTIFIER || !member.text().equals("size")) {
            throw new CompileFailure("expected size() after '.', found " + member.describe(), member.position());
        }
        expect("(");
        expect(")");
    }

    /** A type spelled from token {@code i} on, and how many tokens spell it. */
    private record TypeName(LeafType type, int tokens, boolean oneWord) {
    }

    /** The arithmetic type spelled at token {@code i} ({@code unsigned int}, {@code Float_t}, {@code std::size_t}). */
    private TypeName typeName(int i) {
        Token t = tokens.get(i);
        if (t.kind() != Kind.IDENTIFIER) {
            return null;
        }
        if (t.text().equals("std") && tokens.get(i + 1).is("::") && tokens.get(i + 2).kind() == Kind.IDENTIFIER) {
            LeafType x = CTypes.TYPEDEFS.get("std::" + tokens.get(i + 2).text());
            return x == null ? null : new TypeName(x, 3, true);
        }
        LeafType typedef = CTypes.TYPEDEFS.get(t.text());
        if (typedef != null && !schema.containsKey(t.text())) {
            return new TypeName(typedef, 1, true);
        }
        List<String> words = new ArrayList<>();
        int j = i;
        while (tokens.get(j).kind() == Kind.IDENTIFIER && CTypes.TYPE_WORDS.contains(tokens.get(j).text())) {
            words.add(tokens.get(j).text());
            j++;
        }
        if (words.isEmpty()) {
            return null;
        }
        LeafType x = CTypes.fromWords(words);
        if (x == null) {
            throw new CompileFailure("'" + String.join(" ", words) + "' is not a type this language has (bool, char,"
                    + " short, int, long, long long, float, double, signed or unsigned)", t.position());
        }
        return new TypeName(x, j - i, words.size() == 1);
    }

    /** An explicit conversion; a vector cannot be converted to a number. */
    private static Node cast(Node operand, LeafType type, int position) {
        if (operand instanceof Node.Vec) {
            throw new CompileFailure("a vector cannot be cast to " + CTypes.name(type) + "; reduce it first, e.g."
                    + " Sum(v)", position);
        }
        return operand.type() == type ? operand : new Node.Cast(operand, type, position);
    }

    /**
     * A branch, with its element access or size() if it is an array; an array used whole is a vector (an RVec, or
     * inside a TTree::Draw $-function its elements looped over).
     */
    private Node branch(String name, int position) {
        if (name.equals("Entry$") || name.equals("Entries$")) {
            boolean total = name.equals("Entries$");
            if (total && !knowsEntries) {
                throw new CompileFailure("Entries$ needs the tree's number of entries, which is not known where this"
                        + " expression is compiled (Expression.compile(source, schema, entries) gives it)", position);
            }
            return new Node.EntryInfo(total, position);
        }
        ColumnType column = schema.get(name);
        if (column == null) {
            if (hasColumnsUnder(name) && peek().is(".") && isWord(tokens.get(at + 1))) {
                String leaf = name + "." + tokens.get(at + 1).text();
                throw new CompileFailure("unknown leaf '" + leaf + "'" + Suggestions.didYouMean(leaf, schema.keySet()),
                        position);
            }
            if (hasColumnsUnder(name)) {
                List<String> leaves = schema.keySet().stream().filter(k -> k.startsWith(name + ".")).limit(8)
                        .toList();
                throw new CompileFailure("branch '" + name + "' is a leaf list; name one of its leaves as"
                        + " branch.leaf, e.g. " + String.join(", ", leaves), position);
            }
            throw new CompileFailure("unknown branch '" + name + "'"
                    + Suggestions.didYouMean(name, schema.keySet()), position);
        }
        if (column.shape() == Shape.VECTOR_VECTOR) {
            return nested(name, column, position);
        }
        if (column.shape() == Shape.STRING || column.shape() == Shape.VECTOR_STRING) {
            throw new CompileFailure("branch '" + name + "' holds strings (" + column.describe()
                    + "); expressions compute on numbers only", position);
        }
        if (column.shape() == Shape.JAGGED && column.fixedLength() > 1) {
            throw new CompileFailure("branch '" + name + "' (" + column.describe()
                    + ") has two dimensions; only one-dimensional arrays can be indexed", position);
        }
        BranchRef ref = used.computeIfAbsent(name, n -> new BranchRef(n, used.size(), column));
        if (peek().is("[")) {
            Token bracket = advance();
            if (!column.isArray()) {
                throw new CompileFailure("branch '" + name + "' is a " + column.describe()
                        + ", not an array; it cannot be indexed", bracket.position());
            }
            Node index = conditional();
            expect("]");
            if (index instanceof Node.Vec) {
                return index(whole(ref, position), index, bracket.position());
            }
            if (!CTypes.isIntegral(index.type())) {
                throw new CompileFailure("array index must be an integer, got " + CTypes.name(index.type()),
                        index.position());
            }
            return new Node.Element(ref, index, bracket.position());
        }
        if (peek().is(".")) {
            advance();
            Token member = advance();
            if (member.kind() != Kind.IDENTIFIER || !member.text().equals("size")) {
                throw new CompileFailure("expected size() after '.', found " + member.describe(), member.position());
            }
            expect("(");
            expect(")");
            if (!column.isArray()) {
                throw new CompileFailure("branch '" + name + "' is a " + column.describe()
                        + ", not an array; it has no size()", member.position());
            }
            return new Node.Size(ref, position);
        }
        if (column.isArray()) {
            return whole(ref, position);
        }
        return new Node.Load(ref, position);
    }

    /**
     * A {@code vector<vector<T>>} branch: {@code x[i][j]}, {@code x[i].size()} or {@code x.size()}. The branch used
     * whole, or {@code x[i]} used whole, is refused: RVec operations and TTree::Draw's $-functions do not apply to
     * nested vectors.
     */
    private Node nested(String name, ColumnType column, int position) {
        BranchRef ref = used.computeIfAbsent(name, n -> new BranchRef(n, used.size(), column));
        String element = "vector<" + CTypes.name(column.type()) + ">";
        if (peek().is("[")) {
            Token bracket = advance();
            Node index = nestedIndex(name);
            if (peek().is("[")) {
                Token second = advance();
                Node inner = nestedIndex(name);
                if (peek().is("[")) {
                    throw new CompileFailure("branch '" + name + "' is a " + column.describe()
                            + "; it has two dimensions, not three", peek().position());
                }
                return new Node.NestedElement(ref, index, inner, bracket.position(), second.position());
            }
            if (peek().is(".")) {
                advance();
                size();
                return new Node.InnerSize(ref, index, bracket.position());
            }
            throw new CompileFailure(name + "[i] of branch '" + name + "' (" + column.describe() + ") is a " + element
                    + "; use an element " + name + "[i][j] or its size " + name + "[i].size() (RVec operations and"
                    + " TTree::Draw's $-functions do not apply to nested vectors)", bracket.position());
        }
        if (peek().is(".")) {
            advance();
            size();
            return new Node.Size(ref, position);
        }
        throw new CompileFailure("branch '" + name + "' is a " + column.describe() + "; use " + name + "[i][j], "
                + name + ".size() or " + name + "[i].size() (RVec operations and TTree::Draw's $-functions do not"
                + " apply to nested vectors)", position);
    }

    /** An index of a nested vector, up to and including its closing bracket: an integer scalar. */
    private Node nestedIndex(String name) {
        Node index = conditional();
        expect("]");
        if (index instanceof Node.Vec) {
            throw new CompileFailure("a vector of indices or conditions cannot select from branch '" + name
                    + "', a nested vector; index it with integers", index.position());
        }
        if (!CTypes.isIntegral(index.type())) {
            throw new CompileFailure("array index must be an integer, got " + CTypes.name(index.type()),
                    index.position());
        }
        return index;
    }

    /** An array branch as a vector. */
    private Node.Vec whole(BranchRef ref, int position) {
        Node.BranchSource s = new Node.BranchSource(ref);
        return new Node.Vec(List.of(s), new Node.Lane(s, position), drawDepth > 0, position);
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token advance() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private boolean accept(String operator) {
        if (peek().is(operator)) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(String operator) {
        Token t = advance();
        if (!t.is(operator)) {
            throw new CompileFailure("expected '" + operator + "', found " + t.describe(), t.position());
        }
    }
}
