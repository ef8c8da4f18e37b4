package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.resource.AdministeredObjectDefinition;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat room on port 9002: shows connection handling and pushing frames to clients. A client that connects gets
 * {@code welcome <id>} and the others {@code joined <id>}; each line it sends is answered {@code ok} and pushed to
 * the others as {@code <id>: <line>}; when it leaves, the others get {@code left <id>}.
 *
 * <p>Pushes go out with {@link TcpSession#sendAsync}, so the room never waits for its slowest member: a member who
 * stops reading misses lines once its buffers are full, and the listener closes it after {@code writeTimeoutMillis}.
 */
@AdministeredObjectDefinition(
        name = "java:app/tcp/Sessions",
        resourceAdapter = "#tcp-adapter-rar",
        className = "io.github.tcpadapter.api.TcpSessionsAdminObject",
        interfaceName = "io.github.tcpadapter.api.TcpSessions")
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9002"),
    // behind the cluster's HAProxy (README, "Cluster"): it alone may name the client in a PROXY header
    @ActivationConfigProperty(propertyName = "proxyProtocol", propertyValue = "OPTIONAL"),
    @ActivationConfigProperty(propertyName = "proxyTrustedAddresses", propertyValue = "127.0.0.2")
})
public class ChatListener implements TcpMessageListener {

    private static final Logger LOG = Logger.getLogger(ChatListener.class.getName());

    @Resource(lookup = "java:app/tcp/Sessions")
    private TcpSessions sessions;

    @Override
    public void onConnect(TcpSession session) {
        // the others first: once a client has its welcome, a client that connects after it never hears it join
        sendToOthers(session, "joined " + session.id());
        send(session, "welcome " + session.id());
    }

    @Override
    public byte[] onMessage(TcpMessage message) {
        sessions.find(message.sessionId())
                .ifPresent(sender -> sendToOthers(sender, sender.id() + ": " + message.text()));
        return "ok".getBytes(message.charset());
    }

    @Override
    public void onDisconnect(TcpSession session) {
        sendToOthers(session, "left " + session.id());
    }

    /** Sends a line to every open session on the sender's port but the sender's own. */
    private void sendToOthers(TcpSession sender, String line) {
        for (TcpSession other : sessions.openSessions(sender.port())) {
            if (!other.id().equals(sender.id())) {
                send(other, line);
            }
        }
    }

    private static void send(TcpSession session, String line) {
        // that client has just left, or is not reading: everyone else still gets the line
        session.sendAsync(line).exceptionally(e -> {
            LOG.log(Level.FINE, "Cannot send to " + session.remoteAddress(), e);
            return null;
        });
    }
}
