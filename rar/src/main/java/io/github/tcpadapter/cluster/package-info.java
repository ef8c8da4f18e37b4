/**
 * Cluster-wide sessions, on the cluster SPI ({@code io.github.tcpadapter.cluster.spi}) and nothing server-specific.
 * Each member keeps a replica of the other members' sessions: a member tells the others of each session that opens
 * or closes, sends its whole list to a member that joins or asks, and again every
 * {@value io.github.tcpadapter.cluster.ClusterNode#SNAPSHOT_SECONDS} s, so that the directory's traffic follows the
 * sessions, never the frames. A member that leaves takes its sessions with it. Sends, closes and requests to a session
 * of another member are calls to that member, each bounded by a timeout; a member that does not answer in time fails
 * the call with a clear error and holds no caller's thread.
 */
package io.github.tcpadapter.cluster;
