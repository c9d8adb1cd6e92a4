package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.Names;
import java.util.Collection;
import java.util.List;

/** The "did you mean" part of a message about an unknown name. */
final class Suggestions {
    private Suggestions() {
    }

    /** "; did you mean a, b or c?" with up to three close names, or an empty string if none is close. */
    static String didYouMean(String wanted, Collection<String> known) {
        List<String> close = Names.closest(wanted, known, 3);
        if (close.isEmpty()) {
            return "";
        }
        String last = close.get(close.size() - 1);
        String head = String.join(", ", close.subList(0, close.size() - 1));
        return "; did you mean " + (head.isEmpty() ? last : head + " or " + last) + "?";
    }
}
