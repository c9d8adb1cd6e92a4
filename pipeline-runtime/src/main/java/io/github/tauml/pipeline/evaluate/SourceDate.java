package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.config.ConfigException;
import java.time.Instant;

/**
 * {@code SOURCE_DATE_EPOCH}, the reproducible-builds.org convention (seconds since 1970-01-01 UTC, which Debian, Nix
 * and many CI recipes set to the last commit's time): when the environment sets it, the evaluate goal dates the PDF
 * plots with it ({@link EvaluateRequest#pdfDate()}), before {@code project.build.outputTimestamp}.
 */
public final class SourceDate {
    /** The environment variable read. */
    public static final String VARIABLE = "SOURCE_DATE_EPOCH";

    private SourceDate() {
    }

    /** {@link #of} of the environment's {@value #VARIABLE}. */
    public static Instant fromEnvironment() throws ConfigException {
        return of(System.getenv(VARIABLE));
    }

    /**
     * Parses a {@value #VARIABLE} value.
     *
     * @param value seconds since 1970-01-01T00:00:00Z, a decimal integer (surrounding blanks allowed), or null/blank
     * @return the instant, or null when the value is null or blank (no date)
     * @throws ConfigException naming {@value #VARIABLE}, the value and the fix, when it is not a non-negative integer
     *                         of seconds up to the year 9999 (PDF dates have four-digit years)
     */
    public static Instant of(String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        long seconds;
        try {
            seconds = v.matches("[0-9]{1,12}") ? Long.parseLong(v) : -1;
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        Instant max = Instant.parse("9999-12-31T23:59:59Z");
        if (seconds < 0 || seconds > max.getEpochSecond()) {
            throw new ConfigException(VARIABLE + " (environment variable)", "'" + value + "' is not a date in"
                    + " seconds since 1970-01-01 UTC", "set it to a whole number of seconds (e.g. the last commit's:"
                    + " export " + VARIABLE + "=$(git log -1 --format=%ct)), or unset it to write the plots without"
                    + " a date");
        }
        return Instant.ofEpochSecond(seconds);
    }
}
