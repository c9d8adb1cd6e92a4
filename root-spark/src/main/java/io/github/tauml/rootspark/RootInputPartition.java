package io.github.tauml.rootspark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Entries [start, end) of one tree in one file; the range starts and ends on cluster boundaries of the read
 * branches.
 *
 * @param file  absolute path, the same on every executor
 * @param tree  the tree's path in the file
 * @param start first entry
 * @param end   one past the last entry
 */
public record RootInputPartition(String file, String tree, long start, long end) implements InputPartition {
}
