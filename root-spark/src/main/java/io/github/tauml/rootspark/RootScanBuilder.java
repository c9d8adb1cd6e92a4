package io.github.tauml.rootspark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Column pruning (only the branches Spark asks for are decoded) and filter pushdown: simple comparisons on scalar
 * numeric and boolean branches ({@link EntryFilter}) are evaluated in the reader, batch by batch, before the other
 * branches are decoded. Spark still evaluates every filter after the scan (they are all returned as post-scan
 * filters), so pushed filters only ever save work and never change a result.
 */
final class RootScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    private final RootOptions options;
    private final StructType schema;
    private StructType required;
    private Filter[] pushed = new Filter[0];

    RootScanBuilder(RootOptions options, StructType schema) {
        this.options = options;
        this.schema = schema;
        this.required = schema;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> accepted = new ArrayList<>();
        for (Filter f : filters) {
            if (EntryFilter.supports(f, schema)) {
                accepted.add(f);
            }
        }
        pushed = accepted.toArray(new Filter[0]);
        return filters;
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.clone();
    }

    @Override
    public Scan build() {
        return new RootScan(options, required, pushed);
    }
}
