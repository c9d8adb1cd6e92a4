package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random RVec expressions (element-wise operators and functions, masks, reductions) over vectors of float, double,
 * int and short with extreme values, evaluated by us and by g++ on the std::vector form of vecops.hpp: the types
 * RVec gives and the values C++ computes. Masks appear only right under a reduction (RVec throws on the different
 * sizes a mask makes elsewhere); Max and Min are not generated (undefined on an empty vector). The seed is fixed.
 */
class VectorDifferentialTest {
    private static final int EXPRESSIONS = 200;
    private static final String[] VECTORS = {"v", "w", "n", "s"};
    private static final String[] BINARY = {"+", "-", "*", "<", ">", "<=", ">=", "==", "!=", "&&", "||"};
    private static final String[] FUNCTIONS = {"sqrt", "abs", "floor"};
    private static final String[] SCALARS = {"x", "k", "2", "0.5f", "-1"};

    private final SplittableRandom random = new SplittableRandom(20261129);

    /** An expression in our language and in the C++ of vecops.hpp. */
    private record Pair(String ours, String cpp) {
    }

    @TestFactory
    Stream<DynamicTest> gppAgrees(@TempDir Path dir) throws Exception {
        List<CppOracle.Probe> probes = new ArrayList<>();
        List<Column> ours = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        while (probes.size() < EXPRESSIONS) {
            int size = 1 + random.nextInt(5);
            List<Declaration> declarations = declarations(size);
            Pair p = reduction();
            Map<String, ColumnType> schema = new LinkedHashMap<>();
            Map<String, Column> columns = new LinkedHashMap<>();
            for (Declaration d : declarations) {
                schema.put(d.name(), d.columnType());
                columns.put(d.name(), d.column());
            }
            Expression x;
            try {
                x = Expression.compile(p.ours(), schema);
            } catch (ExpressionException e) {
                throw new AssertionError("generated expression does not compile: " + p.ours(), e);
            }
            ours.add(x.evaluate(new Columns(0, 1, columns), "r"));
            sources.add(p.ours());
            probes.add(new CppOracle.Probe(probes.size(), declarations, p.cpp()));
        }
        Map<Integer, CppOracle.Result> cpp = CppOracle.evaluate(probes, dir);
        return probes.stream().map(p -> DynamicTest.dynamicTest(sources.get(p.id()), () -> {
            Column c = ours.get(p.id());
            String type = CTypes.name(c.type());
            String value = CValues.first(c);
            CppOracle.Result r = cpp.get(p.id());
            String where = sources.get(p.id()) + " (C++: " + p.expression() + ") with "
                    + p.declarations().stream().map(Declaration::cpp).toList();
            assertThat(type).as("type of %s", where).isEqualTo(r.type());
            assertThat(CValues.matches(type, value, r.value()) || CValues.matches(type, "~" + value, r.value()))
                    .as("%s: we compute %s, C++ %s", where, value, r.value()).isTrue();
        }));
    }

    private Pair reduction() {
        Pair v = vector(3);
        if (random.nextInt(3) == 0) {
            Pair cond = vector(2);
            String bound = SCALARS[random.nextInt(SCALARS.length)];
            v = new Pair("(" + v.ours() + ")[" + cond.ours() + " > " + bound + "]",
                    "Masked(" + v.cpp() + ", " + cond.cpp() + " > " + bound + ")");
        }
        return switch (random.nextInt(7)) {
            case 0 -> wrap("Mean", v);
            case 1 -> wrap("Any", v);
            case 2 -> wrap("All", v);
            case 3 -> wrap("ArgMax", v);
            case 4 -> new Pair("(" + v.ours() + ").size()", "(" + v.cpp() + ").size()");
            default -> wrap("Sum", v);
        };
    }

    private static Pair wrap(String f, Pair v) {
        return new Pair(f + "(" + v.ours() + ")", f + "(" + v.cpp() + ")");
    }

    private Pair vector(int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            String name = VECTORS[random.nextInt(VECTORS.length)];
            return new Pair(name, name);
        }
        return switch (random.nextInt(6)) {
            case 0 -> {
                String op = random.nextBoolean() ? "-" : "!";
                Pair a = vector(depth - 1);
                yield new Pair(op + "(" + a.ours() + ")", op + "(" + a.cpp() + ")");
            }
            case 1 -> {
                String f = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
                Pair a = vector(depth - 1);
                yield new Pair(f + "(" + a.ours() + ")", f + "(" + a.cpp() + ")");
            }
            case 2 -> {
                String op = BINARY[random.nextInt(BINARY.length)];
                String k = SCALARS[random.nextInt(SCALARS.length)];
                Pair a = vector(depth - 1);
                yield random.nextBoolean() ? new Pair("(" + a.ours() + " " + op + " " + k + ")",
                        "(" + a.cpp() + " " + op + " " + k + ")")
                        : new Pair("(" + k + " " + op + " " + a.ours() + ")", "(" + k + " " + op + " " + a.cpp() + ")");
            }
            default -> {
                String op = BINARY[random.nextInt(BINARY.length)];
                Pair a = vector(depth - 1);
                Pair b = vector(depth - 1);
                yield new Pair("(" + a.ours() + " " + op + " " + b.ours() + ")",
                        "(" + a.cpp() + " " + op + " " + b.cpp() + ")");
            }
        };
    }

    private List<Declaration> declarations(int size) {
        List<Declaration> out = new ArrayList<>();
        out.add(Declaration.parse("vector<float> v = " + list(size, () -> pick("nan", "-0.0", "3.5",
                Float.toString((float) random.nextDouble(-10, 10)))), 0));
        out.add(Declaration.parse("vector<double> w = " + list(size, () -> pick("inf", "0", "-2.25",
                Double.toString(random.nextDouble(-10, 10)))), 0));
        out.add(Declaration.parse("vector<int> n = " + list(size, () -> pick("0", "-1", "2147483647",
                Integer.toString(random.nextInt(-100, 100)))), 0));
        out.add(Declaration.parse("vector<short> s = " + list(size, () -> pick("-32768", "32767", "0",
                Integer.toString(random.nextInt(-30000, 30000)))), 0));
        out.add(Declaration.parse("float x = " + Float.toString((float) random.nextDouble(-5, 5)), 0));
        out.add(Declaration.parse("int k = " + random.nextInt(-5, 5), 0));
        return out;
    }

    private String list(int size, java.util.function.Supplier<String> value) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(value.get());
        }
        return "{" + String.join(", ", values) + "}";
    }

    private String pick(String... choices) {
        // Mostly the random value (the last), sometimes an extreme one.
        return random.nextInt(3) == 0 ? choices[random.nextInt(choices.length - 1)] : choices[choices.length - 1];
    }
}
