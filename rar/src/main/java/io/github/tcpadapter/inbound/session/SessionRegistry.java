package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.inbound.capture.FrameTaps;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open sessions of all listeners of one resource adapter, by id. Thread-safe. */
public final class SessionRegistry implements TcpSessions {

    private final Map<String, TcpSession> sessions = new ConcurrentHashMap<>();
    // by port, kept once made (a few objects): a capture may be opened before its listener starts, or outlive it
    private final Map<Integer, FrameTaps> taps = new ConcurrentHashMap<>();
    // one counter for the whole adapter, so that two listeners on one port never hand out the same id
    private final AtomicLong counter = new AtomicLong();

    /**
     * @param port the port of the listener that accepted the connection
     * @return a new session id, {@code <port>-<number>}
     */
    public String nextId(int port) {
        return port + "-" + counter.incrementAndGet();
    }

    /** @return the frame captures of a port, for its listener's connections to offer frames to */
    public FrameTaps taps(int port) {
        return taps.computeIfAbsent(port, any -> new FrameTaps());
    }

    public void add(TcpSession session) {
        sessions.put(session.id(), session);
    }

    public void remove(TcpSession session) {
        sessions.remove(session.id(), session);
    }

    @Override
    public Optional<TcpSession> find(String id) {
        return Optional.ofNullable(id).map(sessions::get).filter(TcpSession::isOpen);
    }

    @Override
    public Collection<TcpSession> openSessions(int port) {
        return sessions.values().stream()
                .filter(session -> session.localAddress().getPort() == port && session.isOpen())
                .toList();
    }

    @Override
    public TcpFrameCapture capture(int port, String sessionId, int capacity) {
        return taps(port).open(sessionId, capacity);
    }
}
