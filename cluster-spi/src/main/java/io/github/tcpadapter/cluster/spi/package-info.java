/**
 * What the adapter needs of the cluster engine of the server it runs in, for cluster-wide sessions: the members,
 * and one-way messages between them. The adapter builds its session directory and its remote sends on these alone;
 * a server's implementation (Payara's data grid, WildFly's command dispatcher) lives in a module of its own and is
 * found through {@link java.util.ServiceLoader} as a {@link io.github.tcpadapter.cluster.spi.ClusterProvider}.
 * Without one, or where the provider finds no cluster, sessions are those of the one server.
 */
package io.github.tcpadapter.cluster.spi;
