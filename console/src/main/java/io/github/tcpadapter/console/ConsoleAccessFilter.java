package io.github.tcpadapter.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.logging.Logger;

/**
 * Applies {@link ConsoleAccess} to every request of the console, and {@link SameOrigin} to every one that changes
 * something (any method but GET and HEAD); forbids every answer to be framed or sniffed. Signing in uses the login
 * method of the console's {@code web.xml} (HTTP Basic against the server's default realm).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the event stream is asynchronous
public class ConsoleAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsoleAccessFilter.class.getName());
    // the page loads its script and style from the console, and nothing else; no other site may frame it
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'; object-src 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // credentials sent along with a request that needs none still tell the page who is signed in
        if (request.getHeader("Authorization") != null && request.getUserPrincipal() == null
                && !request.authenticate(response)) {
            return;
        }
        boolean changes = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        boolean acts = changes || request.getServletPath().equals(SignIn.PATH);
        ConsoleAccess access = new ConsoleAccess(Console.of(getServletContext()).settings().localViewing());
        ConsoleAccess.Verdict verdict = access.of(request.getRemoteAddr(), forwarded(request), acts,
                request.getUserPrincipal() != null, request.isUserInRole(ConsoleAccess.ROLE));
        if (verdict == ConsoleAccess.Verdict.AUTHENTICATE) {
            if (!signIn(request, response)) {
                return; // the challenge is sent
            }
            verdict = request.isUserInRole(ConsoleAccess.ROLE) ? ConsoleAccess.Verdict.ALLOW
                    : ConsoleAccess.Verdict.FORBID;
        }
        if (verdict == ConsoleAccess.Verdict.FORBID) {
            LOG.info(() -> "TCP console: refused " + request.getMethod() + " " + request.getRequestURI() + " from "
                    + request.getRemoteAddr() + (request.getUserPrincipal() == null ? ""
                            : " for " + request.getUserPrincipal().getName()) + ": it needs the role "
                    + ConsoleAccess.ROLE);
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This needs the role " + ConsoleAccess.ROLE);
            return;
        }
        String refusal = changes ? SameOrigin.refusal(request.getHeader(SameOrigin.HEADER),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"),
                first(request.getHeader("X-Forwarded-Host"))) : null;
        if (refusal != null) {
            LOG.warning(() -> "TCP console: refused " + request.getMethod() + " " + request.getRequestURI() + " from "
                    + request.getRemoteAddr() + " for " + request.getUserPrincipal().getName()
                    + " as a possible cross-site request: " + refusal);
            JsonFailure.send(response, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean forwarded(HttpServletRequest request) {
        return Collections.list(request.getHeaderNames()).stream().anyMatch(ConsoleAccess::isForwarding);
    }

    // the first of a proxy's comma-separated list, or null
    private static String first(String values) {
        return values == null ? null : values.split(",", 2)[0].trim();
    }

    /**
     * @return whether the user signed in; if not, the challenge or the refusal is sent. A request without
     *     credentials is challenged here: Servlet 6 has {@code authenticate} send the challenge, as Payara does, but
     *     WildFly's throws "UT010032: Authentication failed" instead (a 500 for the page).
     */
    private static boolean signIn(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getHeader("Authorization") == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + ConsoleAccess.ROLE + "\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return false;
        }
        return request.authenticate(response);
    }
}
