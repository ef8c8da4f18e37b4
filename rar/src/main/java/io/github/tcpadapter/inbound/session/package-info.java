/**
 * Sessions: the {@link io.github.tcpadapter.api.TcpSession} a bean sees for each open connection
 * ({@link ChannelSession}), its traffic counters, the registry through which {@code TcpSessions} finds the sessions
 * of a port, and the lingering close that lets a client read its last replies.
 */
package io.github.tcpadapter.inbound.session;
