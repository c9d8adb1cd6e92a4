package io.github.tauml.pipeline.model;

/**
 * A layer-width formula of {@code SetupNN} such as {@code "2*n*(1+drop)"}: an integer, or an arithmetic expression
 * over {@code n} (the input width) and {@code drop} (the dropout rate) with {@code + - * /} and parentheses,
 * rounded up as {@code NetSetupFixed.GetNumberOfUnits} does (reference §3.1).
 */
public final class WidthFormula {
    private final String text;
    private int pos;
    private double n;
    private double drop;

    private WidthFormula(String text) {
        this.text = text;
    }

    /**
     * Evaluates {@code formula} and rounds up.
     *
     * @throws IllegalArgumentException naming the formula when it does not parse or is not positive
     */
    public static int evaluate(String formula, int n, double drop) {
        WidthFormula f = new WidthFormula(formula.trim());
        f.n = n;
        f.drop = drop;
        double v = f.expression();
        f.skipSpaces();
        if (f.pos != f.text.length()) {
            throw f.error("unexpected '" + f.text.charAt(f.pos) + "'");
        }
        int width = (int) Math.ceil(v);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("layer width formula '" + formula + "' gives " + v + " for n = " + n
                    + ", drop = " + drop + "; a width must be positive");
        }
        return width;
    }

    private double expression() {
        double v = term();
        while (true) {
            skipSpaces();
            if (peek('+')) {
                pos++;
                v += term();
            } else if (peek('-')) {
                pos++;
                v -= term();
            } else {
                return v;
            }
        }
    }

    private double term() {
        double v = factor();
        while (true) {
            skipSpaces();
            if (peek('*')) {
                pos++;
                v *= factor();
            } else if (peek('/')) {
                pos++;
                v /= factor();
            } else {
                return v;
            }
        }
    }

    private double factor() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            double v = expression();
            skipSpaces();
            if (!peek(')')) {
                throw error("missing ')'");
            }
            pos++;
            return v;
        }
        if (c == '-') {
            pos++;
            return -factor();
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            return Double.parseDouble(text.substring(start, pos));
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            return switch (name) {
                case "n" -> n;
                case "drop" -> drop;
                default -> throw error("unknown name '" + name + "' (only n and drop are defined)");
            };
        }
        throw error("unexpected '" + c + "'");
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("layer width formula '" + text + "': " + what + " at position " + pos);
    }
}
