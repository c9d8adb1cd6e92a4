package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.SkimDeclaration;
import java.io.File;
import java.util.List;

/**
 * One {@code <sample>} of the {@code skim} goal: its inputs, an extra cut ANDed with the shared selection, its own
 * computed columns, entry ranges and output.
 *
 * <pre>{@code
 * <sample>
 *   <name>DY_taus</name>
 *   <inputs><input>${toy.dir}/DYtautau.root</input></inputs>
 *   <cut>mytauType==2</cut>
 * </sample>
 * }</pre>
 */
public class SkimSample {
    /** The sample's name: in the log, in error messages and in the default output file name. */
    private String name;

    /** ROOT files, globs ({@code ntuples/DY_*.root}), directories and {@code .txt} lists. */
    private List<String> inputs;

    /** A ROOT C++ cut ANDed with the shared selection, as {@code (selection) && (cut)}; empty: none. */
    private String cut;

    /** Computed columns of this sample only, after the shared ones. */
    private List<SkimColumn> columns;

    /** skim_tree's {@code --input-range b:e}: entries considered, over all inputs, before the selection. */
    private String inputRange;

    /** skim_tree's {@code --output-range b:e}: entries written, counted among those that pass. */
    private String outputRange;

    /** The output ROOT file; empty: {@code <outputDirectory>/<name>.root}. */
    private File output;

    /** Overrides the goal's {@code <computeTauType>} for this sample (data has no generator truth to match). */
    private Boolean computeTauType;

    public SkimSample() {
    }

    public Boolean getComputeTauType() {
        return computeTauType;
    }

    public void setComputeTauType(Boolean computeTauType) {
        this.computeTauType = computeTauType;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getInputs() {
        return inputs;
    }

    public void setInputs(List<String> inputs) {
        this.inputs = inputs;
    }

    public String getCut() {
        return cut;
    }

    public void setCut(String cut) {
        this.cut = cut;
    }

    public List<SkimColumn> getColumns() {
        return columns;
    }

    public void setColumns(List<SkimColumn> columns) {
        this.columns = columns;
    }

    public String getInputRange() {
        return inputRange;
    }

    public void setInputRange(String inputRange) {
        this.inputRange = inputRange;
    }

    public String getOutputRange() {
        return outputRange;
    }

    public void setOutputRange(String outputRange) {
        this.outputRange = outputRange;
    }

    public File getOutput() {
        return output;
    }

    public void setOutput(File output) {
        this.output = output;
    }

    /** As the runtime's declaration takes it. */
    SkimDeclaration.Sample declared() {
        return new SkimDeclaration.Sample(name, inputs, cut, SkimColumn.declared(columns), inputRange, outputRange,
                output == null ? null : output.toPath(), computeTauType);
    }
}
