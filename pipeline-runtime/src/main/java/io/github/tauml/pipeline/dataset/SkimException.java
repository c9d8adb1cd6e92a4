package io.github.tauml.pipeline.dataset;

/**
 * A skim that cannot run as declared: the message says what is wrong and {@link #element()} names the part of the
 * request at fault ({@code inputs}, {@code selection}, {@code columns/mytauType}, {@code include}, ...), so that the
 * Maven layer can point at the pom element.
 */
public final class SkimException extends Exception {
    private final String element;

    public SkimException(String element, String message) {
        super(message);
        this.element = element;
    }

    public SkimException(String element, String message, Throwable cause) {
        super(message, cause);
        this.element = element;
    }

    public String element() {
        return element;
    }
}
