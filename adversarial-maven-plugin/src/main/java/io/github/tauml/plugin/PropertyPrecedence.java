package io.github.tauml.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Makes Maven's rule for {@code -D} properties visible and the same for every parameter: a value set in the pom wins
 * over {@code -D}. Maven applies that rule to single values silently, and breaks it for lists (a {@code -D} value
 * replaces the pom's {@code <samples>}); so a {@code -D} given for a parameter the pom sets is reported: ignored with
 * a warning for a single value, refused for a list, where the build could not do what the pom says.
 */
final class PropertyPrecedence {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private PropertyPrecedence() {
    }

    /** Warnings for ignored single values and errors for lists, each naming the element and the property. */
    record Findings(List<String> warnings, List<String> errors) {
    }

    static Findings check(MojoExecution execution, MavenSession session) {
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Xpp3Dom config = execution.getConfiguration();
        List<Parameter> parameters = execution.getMojoDescriptor().getParameters();
        if (config == null || parameters == null || session == null) {
            return new Findings(warnings, errors);
        }
        for (Parameter p : parameters) {
            String property = property(p.getExpression());
            String given = property == null ? null : session.getUserProperties().getProperty(property);
            Xpp3Dom node = config.getChild(p.getName());
            if (given == null || node == null) {
                continue;
            }
            String value = node.getValue();
            boolean fromPom = node.getChildCount() > 0 || (value != null && property(value) == null);
            if (!fromPom) {
                continue;
            }
            if (node.getChildCount() > 0) {
                errors.add("<" + p.getName() + "> is set in the pom and -D" + property + " on the command line; for a"
                        + " list Maven would take the -D value, for every other parameter the pom's");
            } else {
                warnings.add("-D" + property + "=" + given + " is ignored: the pom sets <" + p.getName() + ">"
                        + " (a value in the pom wins over -D, as Maven does). To set it from the command line, take"
                        + " it out of the pom or write <" + p.getName() + ">${" + property + "}</" + p.getName()
                        + "> with a default in <properties>.");
            }
        }
        return new Findings(warnings, errors);
    }

    /** The property of a whole {@code ${property}} expression, or null for anything else (a literal, null). */
    static String property(String expression) {
        if (expression == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(expression.trim());
        return m.matches() ? m.group(1) : null;
    }
}
