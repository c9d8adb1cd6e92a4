/** Pure-Java reading and writing of CERN ROOT files. */
package io.github.tauml.rootio;
