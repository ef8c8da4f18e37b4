package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A client of the sample's chat bean that hears only about the clients it knows: those that joined after it and
 * those it was told of. News of others (one may still be leaving, from an earlier test) is skipped. Every session
 * is visible to the bean as soon as it is accepted, so such news may even come before the client's own welcome.
 */
final class ChatClient implements AutoCloseable {

    // more lines than a test's chat room produces: reading stops there rather than hang on a chatty room
    private static final int MAX_SKIPPED = 100;

    private final LineClient client;
    private final Set<String> known = new HashSet<>();
    private final String id;

    /**
     * Connects and waits for the welcome, which names this client's session.
     *
     * @param knownIds the session ids of clients already there to hear about
     */
    ChatClient(int port, String... knownIds) throws IOException {
        known.addAll(Set.of(knownIds));
        client = new LineClient(port);
        String welcome = next();
        // news of clients that came just after this one may come before the welcome
        for (int skipped = 0; !welcome.startsWith("welcome ") && skipped < MAX_SKIPPED; skipped++) {
            welcome = next();
        }
        assertThat(welcome).startsWith("welcome ");
        id = welcome.substring("welcome ".length());
    }

    /** @return this client's session id */
    String id() {
        return id;
    }

    /** @return the reply to the line */
    String say(String line) throws IOException {
        client.send(line);
        return next();
    }

    void send(String line) throws IOException {
        client.send(line);
    }

    /**
     * @return the next line from the bean, other than news of unknown clients: a welcome, {@code ok}, or
     *     {@code joined}, {@code left} or a line of a known client
     */
    String next() throws IOException {
        for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
            String line = client.readLine();
            assertThat(line).as("line from the chat bean").isNotNull();
            if (line.startsWith("joined ")) {
                known.add(subject(line));
            }
            if (line.startsWith("welcome ") || line.equals("ok") || known.contains(subject(line))) {
                return line;
            }
        }
        throw new AssertionError("more than " + MAX_SKIPPED + " lines about earlier clients");
    }

    /** @return the session id a line of news is about */
    static String subject(String line) {
        return line.startsWith("joined ") || line.startsWith("left ")
                ? line.substring(line.indexOf(' ') + 1)
                : line.substring(0, line.indexOf(':'));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
