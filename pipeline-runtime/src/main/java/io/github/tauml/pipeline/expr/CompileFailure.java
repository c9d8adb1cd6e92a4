package io.github.tauml.pipeline.expr;

/** A problem found while compiling, at a position; {@link Expression#compile} turns it into an ExpressionException. */
final class CompileFailure extends RuntimeException {
    private final int position;

    CompileFailure(String problem, int position) {
        super(problem, null, false, false);
        this.position = position;
    }

    ExpressionException toException(String source) {
        return new ExpressionException(getMessage(), source, position);
    }
}
