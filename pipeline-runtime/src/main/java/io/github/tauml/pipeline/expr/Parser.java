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
    private int at;

    /** The typed tree and the branches it reads, in order of first use. */
    record Result(Node root, List<BranchRef> branches) {
        Result {
            branches = List.copyOf(branches);
        }
    }

    private Parser(List<Token> tokens, Map<String, ColumnType> schema) {
        this.tokens = tokens;
        this.schema = schema;
    }

    static Result parse(String source, Map<String, ColumnType> schema) {
        Parser p = new Parser(Lexer.tokenize(source), schema);
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
            Node right = binary(op.precedence() + 1);
            left = Typing.binary(op, left, right, t.position());
        }
    }

    private Node unary() {
        Token t = peek();
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
        Token t = advance();
        if (t.kind() == Kind.NUMBER) {
            return t.literal();
        }
        if (t.is("(")) {
            Node inner = conditional();
            expect(")");
            return inner;
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
        if (peek().is("(")) {
            return call(name.toString(), t.position());
        }
        return branch(name.toString(), t.position());
    }

    private Node call(String name, int position) {
        advance();
        List<Node> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(conditional());
            } while (accept(","));
        }
        expect(")");
        return Functions.call(name, args, position);
    }

    /** A branch, with its element access or size() if it is an array: an array is never used whole. */
    private Node branch(String name, int position) {
        ColumnType column = schema.get(name);
        if (column == null) {
            throw new CompileFailure("unknown branch '" + name + "'"
                    + Suggestions.didYouMean(name, schema.keySet()), position);
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
            throw new CompileFailure("branch '" + name + "' is an array (" + column.describe()
                    + "); use an element such as " + name + "[0], or " + name + ".size()", position);
        }
        return new Node.Load(ref, position);
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
