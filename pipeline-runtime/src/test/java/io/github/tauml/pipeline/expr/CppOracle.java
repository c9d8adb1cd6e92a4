package io.github.tauml.pipeline.expr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates expressions with real C++: one program, one block per expression declaring its variables and printing
 * the expression's type and value, compiled with g++ ({@code -std=c++17 -O0 -fwrapv}, wraparound being what the
 * evaluator does for signed overflow) and run.
 */
final class CppOracle {

    /** A C++ expression over variables; {@code id} identifies its result. */
    record Probe(int id, List<Declaration> declarations, String expression) {
    }

    record Result(String type, String value) {
    }

    private static final String PRELUDE = """
            #include <algorithm>
            #include <array>
            #include <cmath>
            #include <cstdio>
            #include <cstdlib>
            #include <iterator>
            #include <vector>
            """;

    /** One overload per type, printing the type's name as the table writes it; other types fail to compile. */
    private static final String EMIT = """
            using namespace std;
            static void emit(int l, bool v) { printf("%d|bool|%d\\n", l, (int) v); }
            static void emit(int l, char v) { printf("%d|char|%d\\n", l, (int) v); }
            static void emit(int l, unsigned char v) { printf("%d|unsigned char|%u\\n", l, (unsigned) v); }
            static void emit(int l, short v) { printf("%d|short|%d\\n", l, (int) v); }
            static void emit(int l, unsigned short v) { printf("%d|unsigned short|%u\\n", l, (unsigned) v); }
            static void emit(int l, int v) { printf("%d|int|%d\\n", l, v); }
            static void emit(int l, unsigned v) { printf("%d|unsigned int|%u\\n", l, v); }
            static void emit(int l, long v) { printf("%d|long long|%ld\\n", l, v); }
            static void emit(int l, long long v) { printf("%d|long long|%lld\\n", l, v); }
            static void emit(int l, unsigned long v) { printf("%d|unsigned long long|%lu\\n", l, v); }
            static void emit(int l, unsigned long long v) { printf("%d|unsigned long long|%llu\\n", l, v); }
            static void emit(int l, float v) { printf("%d|float|%.9g\\n", l, (double) v); }
            static void emit(int l, double v) { printf("%d|double|%.17g\\n", l, v); }
            """;

    private CppOracle() {
    }

    /** The C++ type and value of every probe, by id. */
    static Map<Integer, Result> evaluate(List<Probe> probes, Path dir) throws IOException, InterruptedException {
        StringBuilder program = new StringBuilder(PRELUDE).append(resource("/expr/tmath.hpp"))
                .append(resource("/expr/vecops.hpp")).append(EMIT)
                .append("int main() {\n");
        for (Probe p : probes) {
            program.append("  { ");
            for (Declaration d : p.declarations()) {
                program.append(d.cpp()).append(' ');
            }
            program.append("emit(").append(p.id()).append(", (").append(p.expression()).append(")); }\n");
        }
        program.append("  return 0;\n}\n");
        Path source = dir.resolve("probes.cpp");
        Path binary = dir.resolve("probes");
        Files.writeString(source, program);
        run(dir, "g++", "-std=c++17", "-O0", "-fwrapv", "-w", "-o", binary.toString(), source.toString());
        Map<Integer, Result> results = new HashMap<>();
        for (String line : run(dir, binary.toString()).split("\n")) {
            String[] f = line.split("\\|");
            results.put(Integer.parseInt(f[0]), new Result(f[1], f[2]));
        }
        return results;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (" + e.getMessage() + "): expressions are checked"
                    + " against real C++, so g++ must be installed (Debian: apt-get install g++)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n"
                    + out);
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CppOracle.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
