package io.github.tauml.pipeline.expr;

/**
 * A lexical token.
 *
 * @param kind     what it is
 * @param symbol   the canonical spelling of an operator ({@code &&} for {@code and}); the name of an identifier
 * @param text     the spelling in the source
 * @param position offset of its first character
 * @param literal  the value of a number, null otherwise
 */
record Token(Kind kind, String symbol, String text, int position, Node.Constant literal) {

    enum Kind { NUMBER, IDENTIFIER, OPERATOR, END }

    boolean is(String operator) {
        return kind == Kind.OPERATOR && symbol.equals(operator);
    }

    /** For messages: the token quoted, or "end of expression". */
    String describe() {
        return kind == Kind.END ? "end of expression" : "'" + text + "'";
    }
}
