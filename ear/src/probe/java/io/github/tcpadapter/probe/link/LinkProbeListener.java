package io.github.tcpadapter.probe.link;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A client-mode bean whose link the test's device drives, and sees everything through: {@code session} is answered
 * with the link's session id, {@code events} with every {@code onConnect}/{@code onDisconnect} so far
 * ({@code connect <id>,disconnect <id>,...}), {@code push <port> <text>} pushes the text to every open session of
 * the listener named by that port through {@code java:app/tcp/Sessions} and answers {@code pushed to <n>};
 * {@code ask <request>} sends the request back over the link with {@code requestAsync} (the listener's correlation
 * pairs the device's reply) and answers {@code answered: <reply>}; {@code via <factory JNDI name> <request>} sends
 * it through that connection factory's {@code requestAsync} (one with {@code listenerLinks}, over this link) and
 * answers {@code answered: <reply>} too; any other line is answered {@code done: <line>}.
 */
@MessageDriven(messageListenerInterface = TcpMessageListener.class)
public class LinkProbeListener implements TcpMessageListener {

    // of every instance and both beans: the deployment's, as its class is
    private static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

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
        } else if (line.startsWith("ask ")) {
            TcpSession link = sessions.find(message.sessionId()).orElseThrow();
            reply = "answered: " + answer(link.requestAsync(line.substring("ask ".length()), TIMEOUT)
                    .thenApply(TcpMessage::text));
        } else if (line.startsWith("via ")) {
            String[] words = line.split(" ", 3);
            reply = "answered: " + via(words[1], words[2]);
        } else if (line.startsWith("push ")) {
            String[] words = line.split(" ", 3);
            reply = "pushed to " + push(Integer.parseInt(words[1]), words[2]);
        } else {
            reply = "done: " + line;
        }
        return reply.getBytes(message.charset());
    }

    private static String via(String factoryName, String request) {
        try (TcpConnection connection = ((TcpConnectionFactory) new InitialContext().lookup(factoryName))
                .getConnection()) {
            return answer(connection.requestAsync(request, TIMEOUT));
        } catch (NamingException | ResourceException e) {
            return "failed: " + e;
        }
    }

    // waits for the reply, bounded: the link's later frames wait behind this one, but the reply does not
    private static String answer(CompletionStage<String> reply) {
        try {
            return reply.toCompletableFuture().get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return "failed: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (TimeoutException e) {
            return "no stage in time";
        }
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
