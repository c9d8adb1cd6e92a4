package io.github.tauml.plugin;

/**
 * One {@code <sample>} of the {@code toy-ntuples} goal: a toy sample by name, and optionally how many candidates it
 * gets (otherwise the goal's {@code <entries>}).
 *
 * <pre>{@code
 * <samples>
 *   <sample><name>data</name><entries>200000</entries></sample>
 *   <sample>DYtautau</sample>                <!-- short form: the goal's <entries> -->
 *   <sample>QCD:50000</sample>               <!-- short form with a count -->
 * </samples>
 * }</pre>
 *
 * The short forms also work from the command line: {@code -Dadversarial.toy.samples=data:20000,DYtautau}.
 */
public class ToySampleSpec {
    /** data, DYtautau, DYmumu, TT, WJets, QCD or training. */
    private String name;

    /** Candidates to generate; empty: the goal's {@code <entries>}. */
    private Long entries;

    /** The count of a short form that is not a number, kept for the error message. */
    private String unparsedEntries;

    public ToySampleSpec() {
    }

    ToySampleSpec(String name, Long entries) {
        this.name = name;
        this.entries = entries;
    }

    /** The short form, {@code name} or {@code name:entries}; Maven calls it for {@code <sample>data</sample>}. */
    public void set(String value) {
        String v = value.trim();
        int colon = v.indexOf(':');
        if (colon < 0) {
            name = v;
            return;
        }
        name = v.substring(0, colon).trim();
        String n = v.substring(colon + 1).trim();
        try {
            entries = Long.parseLong(n.replace("_", ""));
        } catch (NumberFormatException e) {
            // Reported by the mojo, which knows the pom element; Maven's own message would not say what is wrong.
            unparsedEntries = n;
        }
    }

    String unparsedEntries() {
        return unparsedEntries;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getEntries() {
        return entries;
    }

    public void setEntries(Long entries) {
        this.entries = entries;
    }

    @Override
    public String toString() {
        return entries == null ? String.valueOf(name) : name + ":" + entries;
    }
}
