package io.github.tcpadapter.api;

/**
 * The message listener interface of the adapter's inbound side: a message-driven bean implements it to receive
 * the frames that clients send to its port.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "port", propertyValue = "9000")
 * })
 * public class EchoListener implements TcpMessageListener {
 *     public byte[] onMessage(TcpMessage message) {
 *         return ("ok: " + message.text()).getBytes(StandardCharsets.UTF_8);
 *     }
 *
 *     public void onConnect(TcpSession session) {
 *         LOG.info(() -> "Client " + session.remoteAddress() + " connected as " + session.id());
 *     }
 * }
 * }</pre>
 *
 * <p>Calls for one connection come one at a time, in this order: {@link #onConnect}, then {@link #onMessage} for
 * each frame in arrival order, then {@link #onDisconnect}. Different connections are served in parallel, each call
 * possibly by another bean instance.
 */
public interface TcpMessageListener {

    /**
     * Handles one received frame.
     *
     * @param message the frame and its sender
     * @return the reply payload to write back to the sender as one frame, before the next frame of that connection
     *     is delivered; or {@code null} to send nothing. If this method throws, the adapter logs the failure with
     *     the client's address and, by the activation property {@code onError}, closes that connection
     *     ({@code CLOSE}, the default) or goes on with its next frame ({@code CONTINUE}).
     */
    byte[] onMessage(TcpMessage message);

    /**
     * Called once per connection, before its first {@link #onMessage}. Does nothing unless overridden.
     *
     * @param session the new connection; it may be used (to {@link TcpSession#send send}, say) from now on
     */
    default void onConnect(TcpSession session) {
    }

    /**
     * Called once per connection whose {@link #onConnect} was called, after its last {@link #onMessage}, when the
     * connection has closed (by the client, the bean, a limit or the listener's stop). Does nothing unless
     * overridden.
     *
     * @param session the closed connection
     */
    default void onDisconnect(TcpSession session) {
    }
}
