package io.github.tauml.plugin;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Maven turns any text that is not {@code true} into {@code false} for a boolean parameter, so {@code <skip>yes</skip>}
 * or {@code -Dadversarial.skim.skip=1} silently does the opposite of what was meant. This check reads the raw values,
 * from the pom and from {@code -D} properties, of every boolean parameter, nested ones included
 * ({@code <samples><sample><computeTauType>}), and reports each that is not {@code true} or {@code false}.
 */
final class StrictBooleans {
    private StrictBooleans() {
    }

    /** @return one line per bad value: the element (and property), the value and the fix; empty when all are fine */
    static List<String> check(MojoExecution execution, MavenSession session, Class<?> mojo) {
        List<String> bad = new ArrayList<>();
        Xpp3Dom config = execution.getConfiguration();
        List<Parameter> parameters = execution.getMojoDescriptor().getParameters();
        if (parameters == null) {
            return bad;
        }
        for (Parameter p : parameters) {
            Xpp3Dom node = config == null ? null : config.getChild(p.getName());
            if (isBoolean(p.getType())) {
                String raw = node != null ? node.getValue() : null;
                String property = PropertyPrecedence.property(raw);
                if (property != null) {
                    raw = session == null ? null : session.getUserProperties().getProperty(property);
                }
                if (raw != null && !isBooleanText(raw)) {
                    bad.add("<" + p.getName() + ">" + (property != null ? " (-D" + property + ")" : "") + ": '"
                            + raw.trim() + "' is not a boolean");
                }
            } else if (node != null && node.getChildCount() > 0) {
                Class<?> item = listItemType(mojo, p.getName());
                if (item != null) {
                    nested(node, "<" + p.getName() + ">", item, bad);
                }
            }
        }
        return bad;
    }

    /** {@code <samples><sample><computeTauType>yes}: Boolean fields of the list's item class. */
    private static void nested(Xpp3Dom list, String path, Class<?> item, List<String> bad) {
        for (Xpp3Dom element : list.getChildren()) {
            for (Field f : item.getDeclaredFields()) {
                if (f.getType() != boolean.class && f.getType() != Boolean.class) {
                    continue;
                }
                Xpp3Dom child = element.getChild(f.getName());
                if (child != null && child.getValue() != null && !isBooleanText(child.getValue())) {
                    bad.add(path + "<" + element.getName() + "><" + f.getName() + ">: '" + child.getValue().trim()
                            + "' is not a boolean");
                }
            }
        }
    }

    private static Class<?> listItemType(Class<?> mojo, String name) {
        for (Class<?> c = mojo; c != null; c = c.getSuperclass()) {
            try {
                Type t = c.getDeclaredField(name).getGenericType();
                if (t instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                        && pt.getActualTypeArguments()[0] instanceof Class<?> item
                        && !item.getName().startsWith("java.")) {
                    return item;
                }
                return null;
            } catch (NoSuchFieldException e) {
                // Declared in a superclass.
            }
        }
        return null;
    }

    private static boolean isBoolean(String type) {
        return "boolean".equals(type) || "java.lang.Boolean".equals(type);
    }

    private static boolean isBooleanText(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("false") || (v.startsWith("${") && v.endsWith("}"));
    }
}
