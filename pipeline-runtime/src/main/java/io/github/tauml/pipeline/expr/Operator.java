package io.github.tauml.pipeline.expr;

/** The binary and unary operators, with their C++ spelling and binary precedence (higher binds tighter). */
enum Operator {
    LOGICAL_OR("||", 1), LOGICAL_AND("&&", 2),
    BIT_OR("|", 3), BIT_XOR("^", 4), BIT_AND("&", 5),
    EQ("==", 6), NE("!=", 6),
    LT("<", 7), LE("<=", 7), GT(">", 7), GE(">=", 7),
    SHL("<<", 8), SHR(">>", 8),
    ADD("+", 9), SUB("-", 9),
    MUL("*", 10), DIV("/", 10), REM("%", 10),
    NEG("-", 0), COMPLEMENT("~", 0);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    boolean isComparison() {
        return precedence == 6 || precedence == 7;
    }

    boolean isBitwise() {
        return this == BIT_OR || this == BIT_XOR || this == BIT_AND || this == SHL || this == SHR;
    }

    /** The binary operator spelled {@code symbol}, or null. */
    static Operator binary(String symbol) {
        for (Operator op : values()) {
            if (op.precedence > 0 && op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }
}
