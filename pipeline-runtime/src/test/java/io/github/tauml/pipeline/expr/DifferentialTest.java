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
 * Random expressions over variables of every type, with extreme values (NaN, infinities, -0, wraparound bounds),
 * evaluated by us and by g++: the combinations of conversions and operators the table cannot list one by one.
 * Operations C++ leaves undefined are not generated: no division, shift counts masked to 0-15; casts of values out
 * of the target's range are, and must give what g++'s x86-64 code gives. The seed is fixed, so a failure
 * reproduces.
 */
class DifferentialTest {
    private static final int EXPRESSIONS = 300;
    private static final String[] VARIABLES = {"bool k", "char m", "unsigned char h", "short g", "unsigned short n",
        "int a", "unsigned int b", "long long c", "unsigned long long d", "float e", "double f"};
    private static final String[] BINARY = {"+", "-", "*", "&", "|", "^", "<", ">", "<=", ">=", "==", "!=", "&&",
        "||"};
    private static final String[] UNARY_FUNCTIONS = {"sqrt", "fabs", "floor", "ceil", "round", "std::isnan",
        "TMath::Sqrt", "TMath::Floor"};

    private static final java.util.regex.Pattern CAST = java.util.regex.Pattern.compile(
            "static_cast<|\\(\\((bool|char|unsigned|short|int|long|float|double|Int_t|ULong64_t)"
            + "|\\b(bool|char|short|int|float|double|Int_t|ULong64_t)\\(");

    private final SplittableRandom random = new SplittableRandom(20260101);

    @TestFactory
    Stream<DynamicTest> gppAgrees(@TempDir Path dir) throws Exception {
        List<CppOracle.Probe> probes = new ArrayList<>();
        List<Column> ours = new ArrayList<>();
        while (probes.size() < EXPRESSIONS) {
            List<Declaration> declarations = declarations();
            String source = compound(4);
            Map<String, ColumnType> schema = new LinkedHashMap<>();
            Map<String, Column> columns = new LinkedHashMap<>();
            for (Declaration d : declarations) {
                schema.put(d.name(), d.columnType());
                columns.put(d.name(), d.column());
            }
            Expression x;
            try {
                x = Expression.compile(source, schema);
            } catch (ExpressionException e) {
                // An operator given a type it does not take (~ of a float, say): C++ rejects it too.
                continue;
            }
            ours.add(x.evaluate(new Columns(0, 1, columns), "r"));
            probes.add(new CppOracle.Probe(probes.size(), declarations, source));
        }
        long casts = probes.stream().filter(p -> CAST.matcher(p.expression()).find()).count();
        assertThat(casts).as("expressions with a cast").isGreaterThan(EXPRESSIONS / 10);
        Map<Integer, CppOracle.Result> cpp = CppOracle.evaluate(probes, dir);
        return probes.stream().map(p -> DynamicTest.dynamicTest(p.expression(), () -> {
            Column c = ours.get(p.id());
            String type = CTypes.name(c.type());
            String value = CValues.first(c);
            CppOracle.Result r = cpp.get(p.id());
            String where = p.expression() + " with " + p.declarations().stream().map(Declaration::cpp).toList();
            assertThat(type).as("type of %s", where).isEqualTo(r.type());
            assertThat(CValues.matches(type, value, r.value())).as("%s: we compute %s, C++ %s", where, value,
                    r.value()).isTrue();
        }));
    }

    private String expression(int depth) {
        return depth == 0 || random.nextInt(10) < 3 ? leaf() : compound(depth);
    }

    private String compound(int depth) {
        return switch (random.nextInt(8)) {
            case 7 -> cast(depth);
            case 0 -> "(" + expression(depth - 1) + " ? " + expression(depth - 1) + " : " + expression(depth - 1) + ")";
            case 1 -> "(" + expression(depth - 1) + (random.nextBoolean() ? " << " : " >> ") + "("
                    + expression(depth - 1) + " & 15))";
            case 2 -> new String[] {"-", "!", "~", "+"}[random.nextInt(4)] + "(" + expression(depth - 1) + ")";
            case 3 -> UNARY_FUNCTIONS[random.nextInt(UNARY_FUNCTIONS.length)] + "(" + expression(depth - 1) + ")";
            case 4 -> sameTypeCall();
            default -> "(" + expression(depth - 1) + " " + BINARY[random.nextInt(BINARY.length)] + " "
                    + expression(depth - 1) + ")";
        };
    }

    /**
     * A cast of an operand that holds a variable, so that g++ converts at run time (as we do) rather than folding a
     * constant, where its folding of out-of-range values differs from the x86 instructions.
     */
    private String cast(int depth) {
        String[] types = {"bool", "char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
            "long long", "unsigned long long", "float", "double", "Int_t", "ULong64_t"};
        String v = VARIABLES[random.nextInt(VARIABLES.length)];
        String variable = v.substring(v.lastIndexOf(' ') + 1);
        String type = types[random.nextInt(types.length)];
        String operand = "(" + variable + " + " + expression(depth - 1) + ")";
        return switch (random.nextInt(3)) {
            case 0 -> "((" + type + ")" + operand + ")";
            case 1 -> "static_cast<" + type + ">" + operand;
            default -> type.contains(" ") ? "((" + type + ")" + operand + ")" : type + operand;
        };
    }

    /** min/max/abs on variables whose types C++ accepts there: equal types, signed for abs. */
    private String sameTypeCall() {
        String[] same = {"a, a2", "c, c2", "e, e2", "f, f2", "g, g2", "b, b2", "d, d2"};
        return switch (random.nextInt(5)) {
            case 0 -> "std::min(" + same[random.nextInt(same.length)] + ")";
            case 1 -> "std::max(" + same[random.nextInt(same.length)] + ")";
            case 2 -> "TMath::Min(" + same[random.nextInt(same.length)] + ")";
            case 3 -> "TMath::Max(" + same[random.nextInt(same.length)] + ")";
            default -> new String[] {"abs(a)", "abs(c)", "std::abs(e)", "abs(g)", "TMath::Abs(g)", "TMath::Abs(f)"}
                    [random.nextInt(6)];
        };
    }

    private String leaf() {
        String[] literals = {"0", "1", "-1", "7", "2147483647", "0x80000000", "4294967295u", "3000000000",
            "9223372036854775807", "18446744073709551615ull", "1.5f", "0.1", "-0.0", "1e30f", "3.4e38f", "1e308",
            "true", "false"};
        if (random.nextInt(4) == 0) {
            return literals[random.nextInt(literals.length)];
        }
        String v = VARIABLES[random.nextInt(VARIABLES.length)];
        return v.substring(v.lastIndexOf(' ') + 1);
    }

    /** Every variable, with a second one of some types for the same-type calls. */
    private List<Declaration> declarations() {
        List<Declaration> out = new ArrayList<>();
        for (String v : VARIABLES) {
            out.add(Declaration.parse(v + " = " + value(v.substring(0, v.lastIndexOf(' '))), 0));
        }
        for (String v : new String[] {"int a2", "long long c2", "float e2", "double f2", "short g2",
            "unsigned int b2", "unsigned long long d2"}) {
            out.add(Declaration.parse(v + " = " + value(v.substring(0, v.lastIndexOf(' '))), 0));
        }
        return out;
    }

    private String value(String type) {
        int pick = random.nextInt(4);
        return switch (type) {
            case "bool" -> random.nextBoolean() ? "true" : "false";
            case "char" -> pick(pick, "-128", "127", "0", Integer.toString(random.nextInt(256) - 128));
            case "unsigned char" -> pick(pick, "255", "0", "128", Integer.toString(random.nextInt(256)));
            case "short" -> pick(pick, "-32768", "32767", "-1", Integer.toString(random.nextInt(65536) - 32768));
            case "unsigned short" -> pick(pick, "65535", "0", "32768", Integer.toString(random.nextInt(65536)));
            case "int" -> pick(pick, "-2147483648", "2147483647", "-3", Integer.toString(random.nextInt()));
            case "unsigned int" -> pick(pick, "4294967295", "0", "2147483648",
                    Long.toString(random.nextLong(1L << 32)));
            case "long long" -> pick(pick, "-9223372036854775808", "9223372036854775807", "-5000000000",
                    Long.toString(random.nextLong()));
            case "unsigned long long" -> pick(pick, "18446744073709551615", "9223372036854775809", "1",
                    Long.toUnsignedString(random.nextLong()));
            case "float" -> pick(pick, "nan", "-inf", "-0.0", Float.toString((float) random.nextDouble(-1e6, 1e6)));
            default -> pick(pick, "nan", "inf", "-0.0", Double.toString(random.nextDouble(-1e12, 1e12)));
        };
    }

    private static String pick(int index, String... choices) {
        return choices[index];
    }
}
