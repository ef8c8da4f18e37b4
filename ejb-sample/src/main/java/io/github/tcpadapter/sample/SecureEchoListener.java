package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import javax.security.auth.x500.X500Principal;

/**
 * The echo over TLS on port 9003, with the server's own certificate (no store configured: Payara's {@code s1as}).
 * A client certificate is asked for but not required; the reply names it when the server trusts it:
 * {@code ok: <line> (CN=...)}, else {@code ok: <line> (anonymous)}. "The server trusts it" means the server's
 * default trust store (Payara's {@code cacerts.p12}: public authorities), said explicitly with
 * {@code trustDefaultCertificateAuthorities}; a listener that authenticates its clients names its own
 * {@code trustStore} instead.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9003"),
    @ActivationConfigProperty(propertyName = "ssl", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "clientAuth", propertyValue = "WANT"),
    @ActivationConfigProperty(propertyName = "trustDefaultCertificateAuthorities", propertyValue = "true")
})
public class SecureEchoListener implements TcpMessageListener {

    @Override
    public byte[] onMessage(TcpMessage message) {
        String client = message.peerPrincipal().map(X500Principal::getName).orElse("anonymous");
        return ("ok: " + message.text() + " (" + client + ")").getBytes(message.charset());
    }
}
