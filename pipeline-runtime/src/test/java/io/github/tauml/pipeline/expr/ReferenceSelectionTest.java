package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import org.junit.jupiter.api.Test;

/** The reference workflow's selection strings, verbatim, on batches that straddle every cut. */
class ReferenceSelectionTest {

    @Test
    void dataSelectionMatchesHandWrittenJava() throws ExpressionException {
        Expression e = Expression.compile(ReferenceSelection.SELECTION, ReferenceSelection.schema());
        assertThat(e.resultType()).isEqualTo(LeafType.BOOL);
        assertThat(e.branches()).containsExactly("tau_byDeepTau2017v2p1VSjetraw", "tau_pt", "tau_eta",
                "tau_decayModeFindingNewDMs", "tau_decayMode", "tau_byDeepTau2017v2p1VSeraw",
                "tau_byDeepTau2017v2p1VSmuraw", "tau_index", "has_extramuon", "has_extraelectron", "has_dimuon");
        for (long seed = 1; seed <= 3; seed++) {
            Columns batch = ReferenceSelection.batch(seed * 100_000, 20_000, seed);
            boolean[] expected = ReferenceSelection.handWritten(batch, false);
            assertThat(e.evaluateMask(batch)).isEqualTo(expected);
            assertThat((boolean[]) e.evaluate(batch, "pass").values()).isEqualTo(expected);
            assertThat(count(expected)).as("entries passing").isBetween(100, 10_000);
        }
    }

    @Test
    void mcSelectionAddsTheTrueTauType() throws ExpressionException {
        Expression e = Expression.compile(ReferenceSelection.MC_SELECTION, ReferenceSelection.schema());
        assertThat(e.branches()).hasSize(12).contains("mytauType");
        Columns batch = ReferenceSelection.batch(0, 50_000, 7);
        boolean[] expected = ReferenceSelection.handWritten(batch, true);
        assertThat(e.evaluateMask(batch)).isEqualTo(expected);
        assertThat(count(expected)).isPositive();
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
