package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Forwards every line a client sends to port 9001 to the backend, and answers with {@code backend: <reply>}, or
 * {@code error: <reason>} when the backend cannot be reached.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9001"),
    // behind the cluster's HAProxy (README, "Cluster"): it alone may name the client in a PROXY header
    @ActivationConfigProperty(propertyName = "proxyProtocol", propertyValue = "OPTIONAL"),
    @ActivationConfigProperty(propertyName = "proxyTrustedAddresses", propertyValue = "127.0.0.2")
})
public class GatewayListener implements TcpMessageListener {

    private static final Logger LOG = Logger.getLogger(GatewayListener.class.getName());

    @EJB
    private BackendClient backend;

    @Override
    public byte[] onMessage(TcpMessage message) {
        String reply;
        try {
            reply = "backend: " + backend.call(message.text());
        } catch (ResourceException e) {
            // one line per failed call: the backend being down is news, its stack trace is not
            LOG.warning(() -> "Backend call for " + message.remoteAddress() + " failed: " + e.getMessage());
            reply = "error: " + e.getMessage();
        }
        return reply.getBytes(StandardCharsets.UTF_8);
    }
}
