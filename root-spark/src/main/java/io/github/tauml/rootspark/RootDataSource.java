package io.github.tauml.rootspark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code root} data source: {@code spark.read.format("root").option("tree", "taus").load(paths)}. Registered
 * through {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}; the fully qualified class name
 * works as the format too. Options: see {@link RootOptions}. The schema comes from the tree in the first file
 * ({@link RootSchema}) unless one is given with {@code .schema(...)}, which is then checked against every file.
 */
public final class RootDataSource implements TableProvider, DataSourceRegister {

    @Override
    public String shortName() {
        return "root";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return RootSchema.infer(RootOptions.parse(options));
    }

    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new RootTable(RootOptions.parse(properties), schema);
    }
}
