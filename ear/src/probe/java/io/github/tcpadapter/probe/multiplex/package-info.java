/**
 * A test-only bean that drives a multiplexed connection factory from inside the server, for the container tests of
 * {@code requestAsync}. {@code Probes} leaves this package out of the sample's EJB module; the tests that need it add
 * it with the factories it calls.
 */
package io.github.tcpadapter.probe.multiplex;
