package io.github.tcpadapter.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Applies {@link ConsoleAccess} to every request of the console. Signing in uses the login method of the console's
 * {@code web.xml} (HTTP Basic against the server's default realm), asked for only when needed.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the event stream is asynchronous
public class ConsoleAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsoleAccessFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // credentials sent along with a request that needs none still tell the page who is signed in
        if (request.getHeader("Authorization") != null && request.getUserPrincipal() == null
                && !request.authenticate(response)) {
            return;
        }
        boolean acts = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                || request.getServletPath().equals(SignIn.PATH);
        ConsoleAccess.Verdict verdict = ConsoleAccess.of(request.getRemoteAddr(), acts,
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
        chain.doFilter(request, response);
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
