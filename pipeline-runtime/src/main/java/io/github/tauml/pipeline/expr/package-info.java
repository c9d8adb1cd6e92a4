/**
 * ROOT C++ selection and column expressions ({@code TTree::Draw} cuts, RDataFrame {@code Filter} and
 * {@code Define} strings), compiled once and evaluated over root-io column batches. Start at
 * {@link io.github.tauml.pipeline.expr.Expression}.
 *
 * <p>How it works: {@code Lexer} and {@code Parser} build a typed tree ({@code Node}) in which {@code Typing} and
 * {@code Functions} have made every C++ conversion explicit; {@code KernelCompiler} and {@code Emitter} turn the
 * tree into one hidden class whose loop evaluates the whole expression per entry with JVM instructions, so that a
 * selection runs as fast as the same loop written by hand, short-circuits like C++ and allocates nothing but its
 * output. Vectors (RVec values and TTree::Draw's loops) are loops over the entry's elements inside that loop
 * body, in methods of their own; a vector that selects elements is written into a scratch buffer allocated once per
 * batch.
 */
package io.github.tauml.pipeline.expr;
