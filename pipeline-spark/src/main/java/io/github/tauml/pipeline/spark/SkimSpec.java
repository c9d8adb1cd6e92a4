package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.rootio.compress.Compression;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link SkimRequest} in a form Spark can ship to executors (paths and records as strings and lists). */
record SkimSpec(String sample, String baseDirectory, List<String> inputs, String inputPrefix, String inputTree,
                String outputTree, String selection, String tauType, List<String> columnNames,
                List<String> columnExpressions, List<String> include, List<String> exclude, List<String> otherTrees,
                long inBegin, long inEnd, long outBegin, long outEnd, String output, String compression, int level,
                int threads) implements Serializable {

    static SkimSpec of(SkimRequest r) {
        List<String> names = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        for (ComputedColumn c : r.columns()) {
            names.add(c.name());
            exprs.add(c.expression());
        }
        return new SkimSpec(r.sample(), r.baseDirectory() == null ? null : r.baseDirectory().toString(),
                List.copyOf(r.inputs()), r.inputPrefix(), r.inputTree(), r.outputTree(), r.selection(), r.tauType(),
                List.copyOf(names), List.copyOf(exprs), List.copyOf(r.include()), List.copyOf(r.exclude()),
                List.copyOf(r.otherTrees()), r.inputRange().begin(), r.inputRange().end(), r.outputRange().begin(),
                r.outputRange().end(), r.output().toString(), r.compression().name(), r.level(), r.threads());
    }

    SkimRequest request() {
        List<ComputedColumn> cols = new ArrayList<>();
        for (int i = 0; i < columnNames.size(); i++) {
            cols.add(new ComputedColumn(columnNames.get(i), columnExpressions.get(i)));
        }
        return new SkimRequest(sample, baseDirectory == null ? null : Path.of(baseDirectory), inputs, inputPrefix,
                inputTree, outputTree, selection, tauType, cols, include, exclude, otherTrees,
                new EntryRange(inBegin, inEnd), new EntryRange(outBegin, outEnd), Path.of(output),
                Compression.valueOf(compression), level, threads);
    }
}
