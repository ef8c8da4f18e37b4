package io.github.tcpadapter.probe;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.x500.X500Principal;

/**
 * A test-only bean whose pace and failures the container tests control. It reports every frame, before answering
 * it with {@code done: <line>}, to the logger {@value #LOGGER}: java.util.logging is what the tests and the
 * deployed application share in one JVM (embedded Payara), so a test handler on that logger counts the frames the
 * bean processed and can hold the bean inside the report to make it slow. On a server in a JVM of its own
 * (WildFly), the deployment names the tests' probe control in the environment entry {@code probeControl}
 * ({@code host:port}), and the report goes there: the bean waits for its answer as it would inside the handler. A
 * line starting with {@code fail} makes the bean throw; the line {@code whoami} is answered with the client's
 * certificate subject and address as the bean sees them.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9100")
})
public class ProbeListener implements TcpMessageListener {

    /** The name of the logger that receives every processed frame, as the message of a FINE record. */
    public static final String LOGGER = "io.github.tcpadapter.probe";

    private static final Logger PROBE = Logger.getLogger(LOGGER);

    @Resource(name = "probeControl")
    private String probeControl;

    @Override
    public byte[] onMessage(TcpMessage message) {
        String line = message.text();
        PROBE.log(Level.FINE, line);
        if (probeControl != null && !probeControl.isEmpty()) {
            ProbeReport.to(probeControl, line);
        }
        if (line.startsWith("fail")) {
            throw new IllegalStateException("The probe was asked to fail: " + line);
        }
        if (line.equals("whoami")) {
            return ("done: whoami " + message.peerPrincipal().map(X500Principal::getName).orElse("anonymous")
                    + " from " + message.remoteAddress()).getBytes(message.charset());
        }
        return ("done: " + line).getBytes(message.charset());
    }
}
