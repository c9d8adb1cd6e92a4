package io.github.tauml.rootio.tree;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance. */
public final class Names {
    private Names() {
    }

    /** Up to {@code max} names close to {@code wanted}, closest first; none farther than about a third of its length. */
    public static List<String> closest(String wanted, Collection<String> names, int max) {
        int limit = Math.max(2, wanted.length() / 3);
        String w = wanted.toLowerCase(Locale.ROOT);
        return names.stream()
                .map(n -> new Object[] {n, distance(w, n.toLowerCase(Locale.ROOT))})
                .filter(p -> (int) p[1] <= limit)
                .sorted(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
                .limit(max)
                .map(p -> (String) p[0])
                .toList();
    }

    /** Longest name, in characters, that messages show in full. */
    private static final int MAX_SHOWN = 80;

    /**
     * A name as messages show it: characters that are not printable escaped as {@code \xNN} (or {@code &#92;uNNNN}),
     * and cut after {@value #MAX_SHOWN} characters with the full length noted. Corrupt files can hold arbitrary
     * bytes where a name should be; they never reach a message raw.
     */
    public static String printable(String name) {
        if (name == null) {
            return "(null)";
        }
        String e = escape(name);
        if (e.length() <= MAX_SHOWN) {
            return e;
        }
        return e.substring(0, MAX_SHOWN) + "... (" + name.length() + " characters)";
    }

    /** {@code s} with every character that is not printable escaped as {@code \xNN} or {@code &#92;uNNNN}. */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && !Character.isISOControl(c)
                    && Character.isDefined(c) && !Character.isSurrogate(c) && c != '\ufffd';
            if (ok && b == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (ok) {
                b.append(c);
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
