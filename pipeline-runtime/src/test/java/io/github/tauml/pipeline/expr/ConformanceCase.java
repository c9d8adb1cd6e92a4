package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.LeafType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code expr/conformance.txt}: an expression, the variables it reads with their C++ types and values,
 * and either the expected C++ type and value or the expected error. The format is described in the file's header.
 */
record ConformanceCase(int line, String expression, String type, String expected, int errorPosition,
                       String errorMessage, List<Declaration> declarations, String cpp) {

    static final String RESOURCE = "/expr/conformance.txt";

    /** The table's C++ type names; long and unsigned long are printed as their long long twins. */
    static final Map<String, LeafType> TYPES = Map.ofEntries(
            Map.entry("bool", LeafType.BOOL), Map.entry("char", LeafType.INT8),
            Map.entry("unsigned char", LeafType.UINT8), Map.entry("short", LeafType.INT16),
            Map.entry("unsigned short", LeafType.UINT16), Map.entry("int", LeafType.INT32),
            Map.entry("unsigned int", LeafType.UINT32), Map.entry("long long", LeafType.INT64),
            Map.entry("unsigned long long", LeafType.UINT64), Map.entry("float", LeafType.FLOAT32),
            Map.entry("double", LeafType.FLOAT64));

    boolean isError() {
        return type.equals("error");
    }

    /** What the C++ program evaluates: the expression, or the equivalent C++ the row gives for our extensions. */
    String cppExpression() {
        return cpp != null ? cpp : expression;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + expression;
    }

    static List<ConformanceCase> load() throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        try (InputStream in = ConformanceCase.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (!text.isBlank() && !text.startsWith("#")) {
                    cases.add(parse(line, text));
                }
            }
        }
        return cases;
    }

    private static ConformanceCase parse(int line, String text) {
        List<String> fields = new ArrayList<>(Arrays.stream(text.split(";;", -1)).map(String::trim).toList());
        if (fields.size() < 3) {
            throw new IllegalArgumentException(RESOURCE + ":" + line + ": needs expression ;; type ;; value");
        }
        String expression = fields.get(0);
        String type = fields.get(1);
        String expected = fields.get(2);
        int rest = 3;
        int errorPosition = -1;
        String errorMessage = null;
        if (type.equals("error")) {
            errorPosition = Integer.parseInt(expected);
            errorMessage = fields.get(3);
            rest = 4;
        } else if (!TYPES.containsKey(type)) {
            throw new IllegalArgumentException(RESOURCE + ":" + line + ": unknown type '" + type + "'");
        }
        List<Declaration> declarations = new ArrayList<>();
        String cpp = null;
        for (String f : fields.subList(rest, fields.size())) {
            if (f.startsWith("c++:")) {
                cpp = f.substring(4).trim();
            } else {
                declarations.add(Declaration.parse(f, line));
            }
        }
        return new ConformanceCase(line, expression, type, expected, errorPosition, errorMessage,
                List.copyOf(declarations), cpp);
    }
}
