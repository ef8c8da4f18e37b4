/**
 * A sample of both directions, to copy.
 *
 * <ul>
 *   <li>{@link io.github.tcpadapter.sample.EchoListener}: a message-driven bean on port 9000 that answers every
 *       line with {@code ok: <line>}.</li>
 *   <li>{@link io.github.tcpadapter.sample.BackendClient}: a stateless bean that declares a pooled outbound
 *       connection factory and does request/reply through it.</li>
 *   <li>{@link io.github.tcpadapter.sample.GatewayListener}: a message-driven bean on port 9001 that forwards every
 *       line to the backend through {@code BackendClient} and answers with the backend's reply. Out of the box the
 *       backend is the echo bean, so one server shows inbound and outbound working together.</li>
 *   <li>{@link io.github.tcpadapter.sample.AsyncBackendClient}: a stateless bean that declares a multiplexed
 *       connection factory and puts many {@code requestAsync} requests in flight on its one socket, returning their
 *       combined stage without waiting.</li>
 *   <li>{@link io.github.tcpadapter.sample.AsyncGatewayListener}: a message-driven bean on port 9004 that sends every
 *       word of a line to the backend at once through {@code AsyncBackendClient}, returns without a reply, and
 *       pushes the replies to the client once all are in.</li>
 *   <li>{@link io.github.tcpadapter.sample.ChatListener}: a message-driven bean on port 9002, a chat room: it greets
 *       each client as it connects, pushes every line to the other clients through the adapter's
 *       {@code TcpSessions} and tells them when someone joins or leaves.</li>
 *   <li>{@link io.github.tcpadapter.sample.DeviceListener}: a client-mode message-driven bean (named port 9005)
 *       that connects out to a device, the simulator on {@code 127.0.0.1:9104}, and acknowledges its readings.</li>
 * </ul>
 */
package io.github.tcpadapter.sample;
