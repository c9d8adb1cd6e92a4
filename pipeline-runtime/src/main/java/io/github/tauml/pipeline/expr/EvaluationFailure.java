package io.github.tauml.pipeline.expr;

/**
 * Thrown by a kernel for an entry C++ would leave undefined; turned into an {@link ExpressionException} naming the
 * entry by {@link Expression}, which knows where the batch starts.
 */
final class EvaluationFailure extends RuntimeException {
    private final String problem;
    private final int position;
    private final int row;

    EvaluationFailure(String problem, int position, int row) {
        super(problem, null, false, false);
        this.problem = problem;
        this.position = position;
        this.row = row;
    }

    ExpressionException toException(String source, long firstEntry) {
        return new ExpressionException(problem + " at entry " + (firstEntry + row), source, position);
    }
}
