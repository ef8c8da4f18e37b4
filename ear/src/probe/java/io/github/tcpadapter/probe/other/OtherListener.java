package io.github.tcpadapter.probe.other;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The other application's only bean, with a connection factory and the sessions of its own (the deployment's
 * {@code ejb-jar.xml} sets its port and the factory's peer). {@code call <line>} is answered with the peer's reply
 * to the line, through the factory's pool; {@code sessions} with how many sessions its listener has open, through
 * the administered object.
 */
@ConnectionFactoryDefinition(
        name = "java:app/tcp/OtherBackend",
        interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory",
        resourceAdapter = "tcp-adapter-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 4)
@AdministeredObjectDefinition(
        name = "java:app/tcp/OtherSessions",
        resourceAdapter = "tcp-adapter-rar",
        className = "io.github.tcpadapter.api.TcpSessionsAdminObject",
        interfaceName = "io.github.tcpadapter.api.TcpSessions")
@MessageDriven
public class OtherListener implements TcpMessageListener {

    @Resource(lookup = "java:app/tcp/OtherBackend")
    private TcpConnectionFactory backend;

    @Resource(lookup = "java:app/tcp/OtherSessions")
    private TcpSessions sessions;

    @Override
    public byte[] onMessage(TcpMessage message) {
        String line = message.text();
        String reply;
        if (line.equals("sessions")) {
            int port = sessions.find(message.sessionId()).orElseThrow().localAddress().getPort();
            reply = "sessions: " + sessions.openSessions(port).size();
        } else if (line.startsWith("call ")) {
            try (TcpConnection connection = backend.getConnection()) {
                reply = "backend: " + connection.request(line.substring("call ".length()));
            } catch (ResourceException e) {
                reply = "failed: " + e.getMessage();
            }
        } else {
            reply = "unknown: " + line;
        }
        return reply.getBytes(message.charset());
    }
}
