package io.github.tcpadapter.console;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.console.ConsoleViews.Failure;
import io.github.tcpadapter.console.ConsoleViews.PayloadView;
import io.github.tcpadapter.console.ConsoleViews.Reply;
import io.github.tcpadapter.console.ConsoleViews.Sent;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.resource.ResourceException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The console's API for what a user with the role {@value ConsoleAccess#ROLE} does: push a frame to a session,
 * close it, send a request through a connection factory. The event stream a page watches is
 * {@link EventStreamServlet}.
 */
@Path("")
public class ConsoleResource {

    static final long MAX_REQUEST_TIMEOUT_MILLIS = 60_000;
    static final long PUSH_TIMEOUT_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(ConsoleResource.class.getName());

    @Context
    private ServletContext context;

    @Context
    private HttpServletRequest request;

    @POST
    @Path("sessions/{id}/close")
    @Produces(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("id") String id) throws NamingException {
        Optional<TcpSession> session = sessions().find(id);
        if (session.isEmpty()) {
            return noSession(id);
        }
        session.get().close();
        LOG.info(() -> "TCP console: " + who() + " closed session " + id + " of " + session.get().remoteAddress());
        return Response.noContent().build();
    }

    @POST
    @Path("sessions/{id}/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("id") String id, JsonObject frame) throws NamingException {
        byte[] payload;
        try {
            payload = Payloads.parse(string(frame, "mode"), string(frame, "data"));
        } catch (IllegalArgumentException e) {
            return failure(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Optional<TcpSession> session = sessions().find(id);
        if (session.isEmpty()) {
            return noSession(id);
        }
        try {
            session.get().send(payload, Duration.ofMillis(PUSH_TIMEOUT_MILLIS));
        } catch (ResourceException e) {
            return failure(Response.Status.CONFLICT, e.getMessage());
        }
        LOG.info(() -> "TCP console: " + who() + " sent " + payload.length + " bytes to session " + id);
        return Response.ok(RecordJson.of(new Sent(payload.length))).build();
    }

    @POST
    @Path("factories/request")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(JsonObject call) {
        String name = string(call, "factory");
        if (!Console.of(context).settings().factories().contains(name)) {
            return failure(Response.Status.BAD_REQUEST, "No connection factory '" + name + "' in the console's list"
                    + " (context parameter " + ConsoleSettings.PREFIX + "factories): "
                    + Console.of(context).settings().factories());
        }
        long timeoutMillis = call.get("timeoutMillis") instanceof JsonNumber number ? number.longValue() : 5_000;
        if (timeoutMillis < 1 || timeoutMillis > MAX_REQUEST_TIMEOUT_MILLIS) {
            return failure(Response.Status.BAD_REQUEST, "The timeout must be 1 to " + MAX_REQUEST_TIMEOUT_MILLIS
                    + " ms, not " + timeoutMillis);
        }
        byte[] payload;
        try {
            payload = Payloads.parse(string(call, "mode"), string(call, "data"));
        } catch (IllegalArgumentException e) {
            return failure(Response.Status.BAD_REQUEST, e.getMessage());
        }
        try {
            TcpConnectionFactory factory = InitialContext.doLookup(name);
            long start = System.nanoTime();
            byte[] reply;
            try (TcpConnection connection = factory.getConnection()) {
                reply = connection.request(payload, Duration.ofMillis(timeoutMillis));
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            LOG.info(() -> "TCP console: " + who() + " sent a request of " + payload.length + " bytes through "
                    + name);
            // as much as the frame view shows of a captured frame
            byte[] shown = Arrays.copyOf(reply, Math.min(reply.length, TcpFrameCapture.MAX_CAPTURED_BYTES));
            return Response.ok(RecordJson.of(new Reply(new PayloadView(Payloads.text(shown), Payloads.hex(shown),
                    reply.length, shown.length == reply.length), micros))).build();
        } catch (NamingException | ClassCastException e) {
            return failure(Response.Status.BAD_REQUEST, "No TcpConnectionFactory at " + name + ": " + e);
        } catch (ResourceException e) {
            return failure(Response.Status.BAD_GATEWAY, e.getMessage());
        }
    }

    private TcpSessions sessions() throws NamingException {
        return SessionsLookup.find(Console.of(context).settings());
    }

    private static String string(JsonObject json, String name) {
        return json != null && json.get(name) instanceof JsonString value ? value.getString() : null;
    }

    private String who() {
        Principal user = request.getUserPrincipal();
        return (user == null ? "a user" : user.getName()) + " at " + request.getRemoteAddr();
    }

    private static Response noSession(String id) {
        return failure(Response.Status.NOT_FOUND, "No open session " + id);
    }

    private static Response failure(Response.Status status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(RecordJson.of(new Failure(error)))
                .build();
    }
}
