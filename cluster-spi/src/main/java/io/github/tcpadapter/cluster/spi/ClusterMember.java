package io.github.tcpadapter.cluster.spi;

/**
 * A member of the cluster.
 *
 * @param id what the engine knows the member by, unique in the cluster and never reused by a member that joins later
 * @param name the server instance's name for people (in Payara, the instance's name), for logs and consoles
 */
public record ClusterMember(String id, String name) {
}
