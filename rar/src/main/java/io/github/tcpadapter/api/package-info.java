/**
 * What applications see of the TCP resource adapter.
 *
 * <p>Outbound: inject a {@link io.github.tcpadapter.api.TcpConnectionFactory}, take a
 * {@link io.github.tcpadapter.api.TcpConnection}, send frames or do request/reply, close it (the socket goes back
 * to the server's pool and stays open).
 *
 * <p>Inbound: a message-driven bean implements {@link io.github.tcpadapter.api.TcpMessageListener}; each frame a
 * client sends arrives as a {@link io.github.tcpadapter.api.TcpMessage}, and a non-null return value is written
 * back to that client as one frame. Its {@code onConnect} and {@code onDisconnect} see each connection as a
 * {@link io.github.tcpadapter.api.TcpSession}; any component can find open sessions through
 * {@link io.github.tcpadapter.api.TcpSessions} (an administered object) and push frames to their clients.
 *
 * <p>Compile against the adapter's {@code api} jar with scope {@code provided}: the classes come from the
 * deployed {@code .rar} at run time.
 */
package io.github.tcpadapter.api;
