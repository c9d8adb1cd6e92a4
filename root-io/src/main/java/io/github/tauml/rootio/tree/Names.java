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
