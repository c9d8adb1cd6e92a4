package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.SkimDeclaration;
import java.util.List;

/**
 * A computed column of the {@code skim} goal, {@code <column><name>pt2</name><expression>tau_pt*tau_pt</expression>
 * </column>}: a ROOT C++ expression over the input branches (and the columns defined before it), evaluated before the
 * selection, usable in it, and written to the output with the expression's C++ type.
 */
public class SkimColumn {
    /** The new branch's name. */
    private String name;

    /** A ROOT C++ expression, e.g. {@code tau_pt / tau_mass}. */
    private String expression;

    public SkimColumn() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    /** As the runtime's declaration takes them; null: none. */
    static List<SkimDeclaration.Column> declared(List<SkimColumn> columns) {
        return columns == null ? List.of()
                : columns.stream().map(c -> new SkimDeclaration.Column(c.name, c.expression)).toList();
    }
}
