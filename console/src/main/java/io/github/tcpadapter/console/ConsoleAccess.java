package io.github.tcpadapter.console;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may use the console. Looking is open to the server's own machine; from anywhere else, and for anything that
 * acts on a connection (sending, closing), the user must be signed in with the role {@value #ROLE}, which the
 * deployer grants.
 */
final class ConsoleAccess {

    /** The role that opens the console from other machines and lets a user send frames and close sessions. */
    static final String ROLE = "tcp-console";

    enum Verdict {
        ALLOW, AUTHENTICATE, FORBID
    }

    private ConsoleAccess() {
    }

    /**
     * @param remoteAddress the client's IP address, as the servlet request gives it
     * @param acts whether the request acts on a connection, or signs in
     * @param authenticated whether the request carries a signed-in user
     * @param hasRole whether that user has the role {@value #ROLE}
     * @return what to do with the request
     */
    static Verdict of(String remoteAddress, boolean acts, boolean authenticated, boolean hasRole) {
        if (hasRole || !acts && isLoopback(remoteAddress)) {
            return Verdict.ALLOW;
        }
        return authenticated ? Verdict.FORBID : Verdict.AUTHENTICATE;
    }

    private static boolean isLoopback(String address) {
        // an IP literal, so no name is looked up; anything else is not trusted as local
        if (address == null || !address.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
