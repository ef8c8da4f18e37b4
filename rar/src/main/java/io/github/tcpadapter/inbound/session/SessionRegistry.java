package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.inbound.capture.FrameTaps;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of all listeners of one deployed resource adapter on this server, by id. Thread-safe. In a
 * cluster, a {@link Watcher} hears of each session that opens or closes.
 */
public final class SessionRegistry implements TcpSessions {

    /** What the cluster learns of this server's sessions; called on the session's I/O thread, must not block. */
    public interface Watcher {

        /** @param session a session that opened, now in the registry */
        void opened(TcpSession session);

        /** @param session a session that closed, no longer in the registry */
        void closed(TcpSession session);
    }

    // Crockford's base 32: no letters that read as digits
    private static final char[] ID_DIGITS = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int ID_RANDOM_DIGITS = 12; // 60 bits

    private final Map<String, TcpSession> sessions = new ConcurrentHashMap<>();
    // by port, while a listener runs there: a page cannot make one for any port it names
    private final Map<Integer, FrameTaps> taps = new ConcurrentHashMap<>();
    // a session id is what a console user closes a connection by: one known id must tell nothing of the others
    private final SecureRandom random = new SecureRandom();
    // set while this server is a member of a cluster
    private volatile Watcher watcher;
    private volatile Optional<String> member = Optional.empty();

    /**
     * @param port the port of the listener that accepted the connection
     * @return a new session id, {@code <port>-<12 random base-32 digits>}, unlike any open session's
     */
    public String nextId(int port) {
        String id;
        do {
            long bits = random.nextLong();
            char[] digits = new char[ID_RANDOM_DIGITS];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = ID_DIGITS[(int) (bits >>> (5 * i)) & 31];
            }
            id = port + "-" + new String(digits);
        } while (sessions.containsKey(id));
        return id;
    }

    /**
     * A listener on the port starts: its connections offer their frames to the captures of the port from now on.
     * Two listeners on one port (other bind addresses) share them. Call {@link #stoppedListening} when it stops.
     *
     * @return the frame captures of the port
     */
    public FrameTaps listening(int port) {
        return taps.compute(port, (any, shared) -> (shared == null ? new FrameTaps() : shared).listenerStarted());
    }

    /** A listener on the port stopped: the last one's captures end, and the port is forgotten. */
    public void stoppedListening(int port) {
        taps.computeIfPresent(port, (any, shared) -> shared.listenerStopped() ? null : shared);
    }

    /** @return the frame captures of a port where a listener runs, else null */
    public FrameTaps taps(int port) {
        return taps.get(port);
    }

    public void add(TcpSession session) {
        sessions.put(session.id(), session);
        Watcher watching = watcher;
        if (watching != null) {
            watching.opened(session);
        }
    }

    public void remove(TcpSession session) {
        if (sessions.remove(session.id(), session)) {
            Watcher watching = watcher;
            if (watching != null) {
                watching.closed(session);
            }
        }
    }

    /**
     * This server joined a cluster: the sessions are its member's, and the watcher hears of each that opens or closes
     * from now on.
     *
     * @param memberName the member's name, which {@link TcpSession#member()} gives
     * @param watching hears of the sessions
     */
    public void joined(String memberName, Watcher watching) {
        member = Optional.of(memberName);
        watcher = watching;
    }

    /** This server left its cluster (the adapter stops): sessions are its own again. */
    public void left() {
        watcher = null;
        member = Optional.empty();
    }

    /** @return the cluster member the sessions belong to, if the server is in a cluster */
    public Optional<String> member() {
        return member;
    }

    /** @return every open session of this server, a snapshot */
    public List<TcpSession> all() {
        return sessions.values().stream().filter(TcpSession::isOpen).toList();
    }

    @Override
    public Optional<TcpSession> find(String id) {
        return Optional.ofNullable(id).map(sessions::get).filter(TcpSession::isOpen);
    }

    @Override
    public Collection<TcpSession> openSessions(int port) {
        return sessions.values().stream()
                // by the id's port: a client-mode listener's sessions have its port property there, not in their socket
                .filter(session -> session.id().startsWith(port + "-") && session.isOpen())
                .toList();
    }

    @Override
    public TcpFrameCapture capture(int port, String sessionId, int capacity) {
        FrameTaps open = taps.get(port);
        if (open == null) {
            throw FrameTaps.noListener(port);
        }
        return open.open(sessionId, capacity, port);
    }
}
