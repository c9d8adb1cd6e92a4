package io.github.tauml.pipeline.expr;

/**
 * An expression that cannot be compiled (syntax, unknown branch or function, type error) or evaluated (integer
 * division by zero, index out of range, shift count out of range). The message has three lines: the problem, the
 * source line holding the position, and a caret under the position.
 */
public final class ExpressionException extends Exception {
    private final String problem;
    private final String source;
    private final int position;

    ExpressionException(String problem, String source, int position) {
        super(format(problem, source, position));
        this.problem = problem;
        this.source = source;
        this.position = position;
    }

    /** The problem alone, without the source and caret lines. */
    public String problem() {
        return problem;
    }

    public String source() {
        return source;
    }

    /** Offset (0-based) into {@link #source()} of the character the problem is about; its length at the end. */
    public int position() {
        return position;
    }

    /** Characters of the source line shown before and after the caret; a longer line is cut, with "...". */
    static final int CONTEXT = 60;

    static String format(String problem, String source, int position) {
        int start = source.lastIndexOf('\n', position - 1) + 1;
        int end = source.indexOf('\n', position);
        end = end < 0 ? source.length() : end;
        String prefix = "";
        String suffix = "";
        if (position - start > CONTEXT) {
            start = position - CONTEXT;
            prefix = "...";
        }
        if (end - position > CONTEXT) {
            end = position + CONTEXT;
            suffix = "...";
        }
        String line = prefix + source.substring(start, end) + suffix;
        StringBuilder caret = new StringBuilder(" ".repeat(prefix.length()));
        for (int i = start; i < position; i++) {
            // Tabs stay tabs so that the caret lines up whatever the tab width.
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return problem + "\n" + line + "\n" + caret + "^";
    }

    /** The source for a one-line message: whole if short, else its start and length. */
    static String excerpt(String source) {
        if (source.length() <= 2 * CONTEXT) {
            return source;
        }
        return source.substring(0, 2 * CONTEXT) + "... (" + source.length() + " characters)";
    }
}
