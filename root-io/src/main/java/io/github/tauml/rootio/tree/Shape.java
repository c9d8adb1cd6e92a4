package io.github.tauml.rootio.tree;

/** How a branch's entries are laid out in its baskets. */
public enum Shape {
    /** One value per entry. */
    SCALAR,
    /** A fixed number of values per entry ({@code x[3]/F}). */
    FIXED,
    /** A number of values given by a counter leaf ({@code x[n]/F}), packed without headers. */
    JAGGED,
    /** An STL {@code vector<T>}: each entry starts with a byte count, a version and the size. */
    VECTOR,
    /**
     * An STL {@code vector<vector<T>>} of numbers: a doubly-jagged column. The entry's header and size are followed
     * by each inner vector's size and values (the inner vectors carry no header of their own).
     */
    VECTOR_VECTOR,
    /** One string per entry ({@code /C}, {@code std::string}, {@code TString}). */
    STRING,
    /** {@code vector<string>}: an STL header, then strings. */
    VECTOR_STRING
}
