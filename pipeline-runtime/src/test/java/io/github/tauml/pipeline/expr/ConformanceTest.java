package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance table, checked twice: our evaluator against the table, and the table against g++ (so that the
 * expected values are C++'s, not our belief about C++).
 */
class ConformanceTest {

    @Test
    void tableIsLargeAndCoversErrors() throws IOException {
        List<ConformanceCase> cases = ConformanceCase.load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        assertThat(cases.stream().filter(ConformanceCase::isError).count()).isGreaterThanOrEqualTo(25);
    }

    @TestFactory
    Stream<DynamicTest> evaluatorAgreesWithTable() throws IOException {
        return ConformanceCase.load().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> tableAgreesWithGpp(@TempDir Path dir) throws Exception {
        List<ConformanceCase> cases = ConformanceCase.load().stream().filter(c -> !c.isError()).toList();
        Map<Integer, CppOracle.Result> results = CppOracle.evaluate(cases.stream()
                .map(c -> new CppOracle.Probe(c.line(), c.declarations(), c.cppExpression())).toList(), dir);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            CppOracle.Result r = results.get(c.line());
            assertThat(r).as("g++ printed nothing for %s", c).isNotNull();
            assertThat(r.type()).as("C++ type of %s", c.cppExpression()).isEqualTo(c.type());
            assertThat(CValues.matches(c.type(), c.expected(), r.value()))
                    .as("C++ computes %s for %s; the table says %s", r.value(), c.cppExpression(), c.expected())
                    .isTrue();
        }));
    }

    private static void check(ConformanceCase c) throws ExpressionException {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Declaration d : c.declarations()) {
            schema.put(d.name(), d.columnType());
            columns.put(d.name(), d.column());
        }
        Columns batch = new Columns(0, 1, columns);
        if (c.isError()) {
            ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> {
                Expression x = Expression.compile(c.expression(), schema);
                x.evaluate(batch, "r");
            });
            assertThat(e).as("error expected").isNotNull();
            assertThat(e.problem()).isEqualTo(c.errorMessage());
            assertThat(e.position()).as("caret position").isEqualTo(c.errorPosition());
            return;
        }
        Expression x = Expression.compile(c.expression(), schema);
        assertThat(CTypes.name(x.resultType())).as("result type").isEqualTo(c.type());
        String value = CValues.first(x.evaluate(batch, "r"));
        if (!CValues.matches(c.type(), c.expected(), value)) {
            fail("evaluates to " + value + ", the table says " + c.expected());
        }
        assertThat(x.evaluateMask(batch)[0]).as("in a boolean context").isEqualTo(CValues.truth(value));
    }
}
