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
 * }
 * }</pre>
 *
 * <p>Frames of one connection are delivered one at a time, in the order they arrived.
 */
public interface TcpMessageListener {

    /**
     * Handles one received frame.
     *
     * @param message the frame and its sender
     * @return the reply payload to write back to the sender as one frame, or {@code null} to send nothing; if
     *     this method throws, the adapter logs the failure and closes that client's connection
     */
    byte[] onMessage(TcpMessage message);
}
