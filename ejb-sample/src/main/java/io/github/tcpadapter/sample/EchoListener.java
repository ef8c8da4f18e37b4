package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Answers every line a client sends to port 9000 with {@code ok: <line>}. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9000"),
    // behind the cluster's HAProxy (README, "Cluster"): it alone may name the client in a PROXY header
    @ActivationConfigProperty(propertyName = "proxyProtocol", propertyValue = "OPTIONAL"),
    @ActivationConfigProperty(propertyName = "proxyTrustedAddresses", propertyValue = "127.0.0.2")
})
public class EchoListener implements TcpMessageListener {

    @Override
    public byte[] onMessage(TcpMessage message) {
        return ("ok: " + message.text()).getBytes(message.charset());
    }
}
