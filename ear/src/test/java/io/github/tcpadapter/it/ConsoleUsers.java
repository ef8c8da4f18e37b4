package io.github.tcpadapter.it;

import com.sun.enterprise.security.auth.realm.Realm;
import com.sun.enterprise.security.auth.realm.file.FileRealm;

/**
 * The console's users in the test server's file realm, as a deployer adds them with {@code asadmin
 * create-file-user}: an operator in the group {@code tcp-console}, which the console's role maps to, and a viewer
 * outside it. (The embedded server's command runner refuses passwords on its command line, so the realm is
 * written directly.)
 */
final class ConsoleUsers {

    static final String OPERATOR = "operator";
    static final String VIEWER = "viewer";
    static final String PASSWORD = "console-test-1";

    private ConsoleUsers() {
    }

    /** Adds both users, once per server: the realm outlives a test class. */
    static synchronized void ensureCreated() {
        try {
            FileRealm realm = (FileRealm) Realm.getInstance("file");
            for (String[] user : new String[][] {{OPERATOR, "tcp-console"}, {VIEWER, "viewers"}}) {
                if (!java.util.Collections.list(realm.getUserNames()).contains(user[0])) {
                    realm.addUser(user[0], PASSWORD.toCharArray(), new String[] {user[1]});
                }
            }
            realm.persist();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add the console's test users to the file realm", e);
        }
    }
}
