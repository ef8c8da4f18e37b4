package io.github.tcpadapter.probe.link;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.resource.ResourceException;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A client-mode bean whose link the test's device drives, and sees everything through: {@code session} is answered
 * with the link's session id, {@code events} with every {@code onConnect}/{@code onDisconnect} so far
 * ({@code connect <id>,disconnect <id>,...}), {@code push <port> <text>} pushes the text to every open session of
 * the listener named by that port through {@code java:app/tcp/Sessions} and answers {@code pushed to <n>}; any
 * other line is answered {@code done: <line>}.
 */
@MessageDriven(messageListenerInterface = TcpMessageListener.class)
public class LinkProbeListener implements TcpMessageListener {

    // of every instance and both beans: the deployment's, as its class is
    private static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Resource(lookup = "java:app/tcp/Sessions")
    private TcpSessions sessions;

    @Override
    public void onConnect(TcpSession session) {
        EVENTS.add("connect " + session.id());
    }

    @Override
    public void onDisconnect(TcpSession session) {
        EVENTS.add("disconnect " + session.id());
    }

    @Override
    public byte[] onMessage(TcpMessage message) {
        String line = message.text();
        String reply;
        if (line.equals("session")) {
            reply = "session " + message.sessionId();
        } else if (line.equals("events")) {
            reply = "events " + String.join(",", EVENTS);
        } else if (line.startsWith("push ")) {
            String[] words = line.split(" ", 3);
            reply = "pushed to " + push(Integer.parseInt(words[1]), words[2]);
        } else {
            reply = "done: " + line;
        }
        return reply.getBytes(message.charset());
    }

    private int push(int port, String text) {
        Collection<TcpSession> open = sessions.openSessions(port);
        for (TcpSession session : open) {
            try {
                session.send(text);
            } catch (ResourceException e) {
                throw new IllegalStateException("Cannot push to " + session.id(), e);
            }
        }
        return open.size();
    }
}
