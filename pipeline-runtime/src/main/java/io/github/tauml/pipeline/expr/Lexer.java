package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits C++ expression source into tokens. */
final class Lexer {
    private static final List<String> TWO_CHAR = List.of("::", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++",
            "--");
    private static final String ONE_CHAR = "()[],.?:+-*/%<>&|^~!=";
    /** C++'s alternative tokens, which are keywords, not identifiers. */
    private static final Map<String, String> ALTERNATIVES = Map.of("and", "&&", "or", "||", "not", "!",
            "not_eq", "!=", "bitand", "&", "bitor", "|", "xor", "^", "compl", "~");

    private final String source;
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
            if (pos == source.length()) {
                // Just after the last token, so that a caret there stays on the line the expression ends on.
                int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).position()
                        + tokens.get(tokens.size() - 1).text().length();
                tokens.add(new Token(Kind.END, "", "", end, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = source.charAt(pos);
        int start = pos;
        if (isDigit(c) || (c == '.' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
                pos++;
            }
            String word = source.substring(start, pos);
            String alternative = ALTERNATIVES.get(word);
            return alternative != null
                    ? new Token(Kind.OPERATOR, alternative, word, start, null)
                    : new Token(Kind.IDENTIFIER, word, word, start, null);
        }
        for (String op : TWO_CHAR) {
            if (source.startsWith(op, pos)) {
                pos += 2;
                return new Token(Kind.OPERATOR, op, op, start, null);
            }
        }
        if (ONE_CHAR.indexOf(c) >= 0) {
            pos++;
            String op = String.valueOf(c);
            return new Token(Kind.OPERATOR, op, op, start, null);
        }
        throw new CompileFailure("unexpected character '" + c + "'", start);
    }

    private Token number() {
        int start = pos;
        char c = source.charAt(pos);
        char x = pos + 1 < source.length() ? Character.toLowerCase(source.charAt(pos + 1)) : 0;
        int radix = 10;
        boolean floating = false;
        int bodyStart = start;
        if (c == '0' && (x == 'x' || x == 'b')) {
            radix = x == 'x' ? 16 : 2;
            pos += 2;
            bodyStart = pos;
            while (pos < source.length() && Character.digit(source.charAt(pos), radix) >= 0) {
                pos++;
            }
        } else {
            skipDigits();
            if (pos < source.length() && source.charAt(pos) == '.') {
                floating = true;
                pos++;
                skipDigits();
            }
            if (pos < source.length() && Character.toLowerCase(source.charAt(pos)) == 'e') {
                floating = true;
                pos++;
                if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                    pos++;
                }
                int digits = pos;
                skipDigits();
                if (pos == digits) {
                    throw new CompileFailure("exponent has no digits", start);
                }
            }
        }
        String body = source.substring(bodyStart, pos);
        while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
            pos++;
        }
        String text = source.substring(start, pos);
        String suffix = source.substring(bodyStart + body.length(), pos);
        Node.Constant value = floating
                ? NumberLiteral.floating(text, body, suffix, start)
                : NumberLiteral.integer(text, body, radix, suffix, start);
        return new Token(Kind.NUMBER, text, text, start, value);
    }

    private void skipDigits() {
        while (pos < source.length() && isDigit(source.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(char c) {
        // '$' ends TTree::Draw's names (Sum$, Entry$).
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
