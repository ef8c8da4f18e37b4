package io.github.tcpadapter.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Who may use the console: a user signed in with the role {@value #ROLE}, which the deployer grants. Only when the
 * administrator turns on local viewing (context parameter {@code localViewing}) may the server's own machine watch
 * without signing in, and never through a proxy: a reverse proxy, a sidecar or a tunnel on the same machine makes
 * every client's request come from a loopback address, so a request that names a forwarded client is never local.
 *
 * @param localViewing whether the server's own machine may watch without signing in
 */
record ConsoleAccess(boolean localViewing) {

    /** The role that opens the console, and lets a user send frames and close sessions. */
    static final String ROLE = "tcp-console";

    enum Verdict {
        ALLOW, AUTHENTICATE, FORBID
    }

    /**
     * @param remoteAddress the client's IP address, as the servlet request gives it
     * @param forwarded whether the request names a forwarded client ({@link #isForwarding})
     * @param acts whether the request acts on a connection, or signs in
     * @param authenticated whether the request carries a signed-in user
     * @param hasRole whether that user has the role {@value #ROLE}
     * @return what to do with the request
     */
    Verdict of(String remoteAddress, boolean forwarded, boolean acts, boolean authenticated, boolean hasRole) {
        if (hasRole || localViewing && !acts && !forwarded && isLoopback(remoteAddress)) {
            return Verdict.ALLOW;
        }
        return authenticated ? Verdict.FORBID : Verdict.AUTHENTICATE;
    }

    /**
     * @param headerName the name of one header of a request
     * @return whether it is one that proxies add for the client they forward: {@code Forwarded} (RFC 7239), any
     *     {@code X-Forwarded-*}, {@code X-Real-IP}
     */
    static boolean isForwarding(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return name.equals("forwarded") || name.startsWith("x-forwarded-") || name.equals("x-real-ip");
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
