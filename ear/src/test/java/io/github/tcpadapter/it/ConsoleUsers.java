package io.github.tcpadapter.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The console's users in the test server's application realm, as a deployer adds them ({@code asadmin
 * create-file-user} on Payara, {@code add-user.sh -a} on WildFly): an operator in the group {@code tcp-console},
 * which the console's role maps to, and a viewer outside it.
 */
final class ConsoleUsers {

    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "console-test-1";

    private ConsoleUsers() {
    }

    /** @return the {@code Authorization} header of HTTP Basic for that user */
    static String authorization(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds both users, once per server: the realm outlives a test class. */
    static synchronized void ensureCreated() {
        try {
            TestServer.current().addUser(OPERATOR, PASSWORD, "tcp-console");
            TestServer.current().addUser(VIEWER, PASSWORD, "viewers");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add the console's test users to " + TestServer.current().name(), e);
        }
    }
}
