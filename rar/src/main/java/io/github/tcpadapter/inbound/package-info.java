/**
 * The inbound side: one TCP listener per message-driven bean activation.
 *
 * <p>Every thread comes from the server's {@code WorkManager}: one long-running work accepts connections, and each
 * connection is one work that reads its frames, delivers them to the bean one at a time in arrival order, and
 * writes each non-null reply back before reading the next frame. A client that breaks the framing rules is logged
 * with its address and disconnected; other clients do not notice.
 *
 * <p>On deactivation the listener closes its server socket first (the port is free at once), lets each connection
 * finish the frames it already received, and closes what is still open after a bounded wait.
 */
package io.github.tcpadapter.inbound;
