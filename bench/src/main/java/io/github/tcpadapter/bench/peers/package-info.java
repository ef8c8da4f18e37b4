/**
 * The peers the adapter is compared with, each a main run in a JVM of its own: echo servers ("the limit" in plain
 * Netty, a blocking thread-per-connection server, Spring Integration's inbound gateway) and Spring Integration's
 * outbound gateway as a client.
 */
package io.github.tcpadapter.bench.peers;
