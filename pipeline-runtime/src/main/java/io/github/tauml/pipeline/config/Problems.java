package io.github.tauml.pipeline.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a declaration, so that the user sees them all at once rather than one per build, then
 * {@link #throwIfAny() throws} them together as one {@link ConfigException}.
 */
public final class Problems {
    private final List<ConfigException.Problem> found = new ArrayList<>();

    /** Records a problem at {@code element}: what is wrong, and the fix. */
    public Problems add(String element, String message, String fix) {
        found.add(new ConfigException.Problem(element, message, fix));
        return this;
    }

    /** Records every problem of {@code e}. */
    public Problems addAll(ConfigException e) {
        found.addAll(e.problems());
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
