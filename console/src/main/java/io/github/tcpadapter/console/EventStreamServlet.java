package io.github.tcpadapter.console;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import javax.naming.NamingException;

/**
 * {@code GET api/stream?port=<port>&session=<id>}: the server-sent events a page watches, written by a
 * {@link FrameStream} on a thread of its own; 404 for a port where no listener runs. A servlet rather than a JAX-RS resource, for its non-blocking output:
 * JAX-RS's event sink writes blocking, and a page that reads nothing would hold the thread without a bound.
 */
@WebServlet(urlPatterns = "/api/stream", asyncSupported = true)
public class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Integer port;
        try {
            port = request.getParameter("port") == null ? null : Integer.valueOf(request.getParameter("port"));
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "port must be a number");
            return;
        }
        String session = request.getParameter("session");
        Console console = Console.of(getServletContext());
        TcpSessions sessions = null;
        String error = null;
        try {
            sessions = SessionsLookup.find(console.settings());
        } catch (NamingException e) {
            error = e.getMessage();
        }
        Principal user = request.getUserPrincipal();
        FrameStream.Watched watched = new FrameStream.Watched(user == null ? null : user.getName(),
                request.isUserInRole(ConsoleAccess.ROLE), console.settings().factories(), sessions, port,
                session == null || session.isBlank() ? null : session, error);
        TcpFrameCapture capture;
        try {
            capture = watched.capture();
        } catch (IllegalArgumentException noListener) {
            JsonFailure.send(response, HttpServletResponse.SC_NOT_FOUND, noListener.getMessage());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        if (!console.reserve()) {
            if (capture != null) {
                capture.close();
            }
            // told before the stream turns asynchronous: WildFly's output is not ready for a write at once
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(PageConnection.event("error", RecordJson.of(new ConsoleViews.Failure(
                    console.settings().maxStreams() + " pages watch already (context parameter "
                    + ConsoleSettings.PREFIX + "maxStreams); close one and reload"))));
            return;
        }
        try {
            console.start(new FrameStream(new PageConnection(request.startAsync()), watched, capture));
        } catch (RuntimeException | IOException e) {
            console.release();
            if (capture != null) {
                capture.close();
            }
            throw e;
        }
    }
}
