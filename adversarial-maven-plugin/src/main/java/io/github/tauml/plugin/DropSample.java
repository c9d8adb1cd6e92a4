package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.DropConfig;

/**
 * One {@code <sample>} of the {@code drop} goal: the skimmed file to thin, and optionally its own entries and target.
 *
 * <pre>{@code
 * <sample>
 *   <name>DY_taus</name>
 *   <input>${project.build.directory}/adversarial/skim/DY_taus.root</input>
 *   <entries>500000</entries>
 * </sample>
 * }</pre>
 */
public class DropSample {
    /** The sample's name: in the log, in errors, and the output file {@code <name>.root}. */
    private String name;
    /** The skimmed ROOT file. */
    private String input;
    /** Entries examined, from the first; empty: the goal's {@code <entries>}. */
    private Long entries;
    /** Its own target, {@code file.root:dir/sub/hist}; empty: the goal's. */
    private String target;
    /** Its own target's bin edges, comma-separated (with {@code <targetContents>}). */
    private String targetBins;
    /** Its own target's regular-bin contents, comma-separated. */
    private String targetContents;

    public DropSample() {
    }

    DropConfig.Sample declaration() {
        return new DropConfig.Sample(name, input, entries, target, targetBins, targetContents);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getInput() {
        return input;
    }

    public void setInput(String input) {
        this.input = input;
    }

    public Long getEntries() {
        return entries;
    }

    public void setEntries(Long entries) {
        this.entries = entries;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getTargetBins() {
        return targetBins;
    }

    public void setTargetBins(String targetBins) {
        this.targetBins = targetBins;
    }

    public String getTargetContents() {
        return targetContents;
    }

    public void setTargetContents(String targetContents) {
        this.targetContents = targetContents;
    }
}
