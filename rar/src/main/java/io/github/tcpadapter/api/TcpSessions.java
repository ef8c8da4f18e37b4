package io.github.tcpadapter.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The open sessions of every inbound listener of the adapter, so that any bean can push frames to a connected
 * client. In a cluster the adapter knows (Payara's data grid), they are the sessions of every member: a session of
 * another member says so in {@link TcpSession#member()}, and its {@code send}, {@code sendAsync}, {@code close} and
 * {@code requestAsync} are carried to that member, each bounded by its timeout (see README, "Cluster").
 * An application declares it as an administered object and injects it:
 *
 * <pre>{@code
 * @AdministeredObjectDefinition(name = "java:app/tcp/Sessions", resourceAdapter = "#tcp-adapter-rar",
 *         className = "io.github.tcpadapter.api.TcpSessionsAdminObject",
 *         interfaceName = "io.github.tcpadapter.api.TcpSessions")
 * @Stateless
 * public class Notifier {
 *     @Resource(lookup = "java:app/tcp/Sessions")
 *     private TcpSessions sessions;
 *
 *     public void notify(String sessionId, String text) throws ResourceException {
 *         sessions.find(sessionId).orElseThrow().send(text);
 *     }
 * }
 * }</pre>
 */
public interface TcpSessions {

    /**
     * @param id a session's {@link TcpSession#id()}, for example {@link TcpMessage#sessionId()}
     * @return the open session with that id, on this server or another member, or empty if there is none (never
     *     was, or closed since)
     */
    Optional<TcpSession> find(String id);

    /**
     * @param port a listener's port
     * @return the open sessions of the listener on that port, a snapshot: this server's first, then those of the
     *     other members of its cluster; empty if no listener has that port
     */
    Collection<TcpSession> openSessions(int port);

    /**
     * Starts capturing copies of the frames that the sessions of this server's listener on a port receive and
     * write (not those of other members), for
     * example to show them in a console. The capture takes the frames of the listeners running on that port until
     * it is closed or the last of them stops ({@link TcpFrameCapture#isOpen()} then says false). Close it when done:
     * an open capture makes the listener copy every frame it sees.
     *
     * @param port the port of a running listener
     * @param sessionId the one session to capture, or {@code null} for all of the listener's sessions
     * @param capacity how many frames the capture holds at most until they are taken; frames beyond are counted
     *     as missed
     * @return the open capture
     * @throws IllegalArgumentException if no listener runs on that port, or the capacity is not positive
     */
    TcpFrameCapture capture(int port, String sessionId, int capacity);
}
