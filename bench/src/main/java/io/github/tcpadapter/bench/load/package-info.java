/**
 * The load generator: a JVM of its own that drives closed-loop LINE request/reply traffic over loopback and prints
 * one JSON result line, plus what the peers' client shares with it (arguments, Netty transport, the result line).
 */
package io.github.tcpadapter.bench.load;
