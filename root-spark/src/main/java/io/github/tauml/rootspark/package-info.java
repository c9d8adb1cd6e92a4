/**
 * A Spark 4 DataSource V2 for ROOT TTrees, built on root-io:
 * {@code spark.read.format("root").option("tree", "taus").load(paths)}. Partitions are cluster-aligned entry
 * ranges, batches are columnar views over root-io's primitive arrays, only the requested branches are decoded.
 * See {@code docs/spark.md}.
 */
package io.github.tauml.rootspark;
