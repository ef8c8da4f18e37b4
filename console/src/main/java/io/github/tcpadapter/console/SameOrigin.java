package io.github.tcpadapter.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The proof that a request which changes something comes from the console's own page. A page of another site can make
 * the browser send a form POST to the console, with the credentials it keeps for the console, but not with a header
 * of its own choosing (that needs the console's consent, which it never gives); and browsers say where a request
 * comes from in {@code Origin} and {@code Sec-Fetch-Site}.
 */
final class SameOrigin {

    /** The header the console's page sends with every request that acts, and its value. */
    static final String HEADER = "X-Requested-By";
    static final String VALUE = "tcp-console";

    private SameOrigin() {
    }

    /**
     * @param requestedBy the request's {@value #HEADER}, or null
     * @param origin its {@code Origin}, or null
     * @param fetchSite its {@code Sec-Fetch-Site}, or null
     * @param host its {@code Host}
     * @param forwardedHost its {@code X-Forwarded-Host}: the host a proxy was asked for, or null
     * @return why the request may not act, for the user; null if it may
     */
    static String refusal(String requestedBy, String origin, String fetchSite, String host, String forwardedHost) {
        if (!VALUE.equals(requestedBy)) {
            return "A request that acts must carry the header " + HEADER + ": " + VALUE + ", as the console's page"
                    + " sends it";
        }
        if ("cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) {
            return "The request comes from a page of another site (Sec-Fetch-Site: " + fetchSite + ")";
        }
        if (origin != null && !sameHost(origin, host) && !sameHost(origin, forwardedHost)) {
            return "The request comes from a page of " + origin + ", not of the console's " + host;
        }
        return null;
    }

    // whether the origin (scheme://host[:port]) names the host[:port] of a Host header
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false; // "null" too: a sandboxed page, a file
        }
        if (uri.getHost() == null) {
            return false;
        }
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String authority = host.trim().toLowerCase(Locale.ROOT);
        if (authority.lastIndexOf(':') <= authority.lastIndexOf(']')) { // no port: the scheme's
            authority += ":" + defaultPort;
        }
        return authority.equals(uri.getHost().toLowerCase(Locale.ROOT) + ":"
                + (uri.getPort() < 0 ? defaultPort : uri.getPort()));
    }
}
