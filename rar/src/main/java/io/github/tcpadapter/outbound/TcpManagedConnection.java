package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled connection to the configured peer, and the I/O its handles perform on it.
 *
 * <p>Whenever the pool hands it out ({@link #getConnection}), it looks at its socket without blocking: a socket the
 * peer closed or reset is replaced by a new one, so the caller's first request is not lost to a restarted peer.
 * Bytes that arrived while it was idle between users are dropped; what a new socket receives before its first
 * user reads (a peer's greeting) is kept for that user, even when the pool lends it long after opening it. Any
 * failure once a request has started breaks the connection for good and fires {@code CONNECTION_ERROR_OCCURRED}:
 * whether the peer saw the request is unknown.
 *
 * <p>One call at a time uses the socket. A handle closed on another thread while a call uses it is given back to
 * the pool (the {@code CONNECTION_CLOSED} event) by whichever thread next frees the socket, at the latest that call
 * when it returns: the pool never gets a connection in the middle of a request, and a call that takes the socket
 * after its handle was closed fails without touching it.
 *
 * <p>A connection of a multiplexed factory ({@code correlation} other than {@code NONE}) has no socket of its own:
 * the configuration's shared links carry its requests, blocking or not, and {@code send}/{@code receive}, which need
 * a socket to themselves, are refused. The pool then sizes handles, and the peer sees only the shared sockets.
 */
public final class TcpManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(TcpManagedConnection.class.getName());

    private final TcpManagedConnectionFactory factory;
    private final Connector connector;
    private final Framing framing;
    private final OutboundStatistics statistics;
    private final ConnectionEvents events = new ConnectionEvents(this);
    private final Set<TcpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    // handles closed and not yet given back: released only by a thread that holds io, so never during a call
    private final Queue<TcpConnectionHandle> closing = new ConcurrentLinkedQueue<>();
    // serialises the socket's users; also tells the validator whether a call is under way
    private final ReentrantLock io = new ReentrantLock();
    private volatile PeerSocket peer; // null for a connection of a multiplexed factory: it has no socket
    // guarded by io: whether the socket was never lent, so what it received is the first user's (a greeting)
    private boolean neverLent = true;
    private volatile boolean broken;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    /** @param peer its socket; {@code null} for a connection of a multiplexed factory */
    TcpManagedConnection(TcpManagedConnectionFactory factory, Connector connector, PeerSocket peer) {
        this.factory = factory;
        this.connector = connector;
        this.framing = connector.framing();
        this.statistics = connector.management().statistics();
        this.peer = peer;
        statistics.created(this);
    }

    /** Sends a request on the configuration's shared links, not on this connection's socket: any thread. */
    CompletionStage<byte[]> requestAsync(byte[] payload, long timeoutMillis) {
        return factory.requestAsync(connector, payload, timeoutMillis);
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        io.lock();
        try {
            requireUsable();
            if (peer != null) {
                startClean();
            }
        } finally {
            unlock();
        }
        TcpConnectionHandle handle = new TcpConnectionHandle(this, factory.charset());
        handles.add(handle);
        return handle;
    }

    // Payara may never validate pooled connections (issue #1520): look at the socket on every checkout instead.
    // Payara also opens sockets it lends only later, so a never-lent socket is looked at too, keeping its bytes.
    private void startClean() throws ResourceException {
        if (neverLent) {
            neverLent = false;
            if (!peer.isAlive()) {
                LOG.log(Level.FINE, "New pooled connection to {0} was closed before its first use; reconnecting",
                        peer);
                reconnect();
            }
            return;
        }
        try {
            int discarded = peer.discardUnread();
            if (discarded > 0) {
                LOG.log(Level.FINE, "Dropped {0} bytes that {1} sent to an idle connection",
                        new Object[] {discarded, peer});
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Pooled connection to {0} is dead ({1}); reconnecting",
                    new Object[] {peer, e.getMessage()});
            reconnect();
        }
    }

    private void reconnect() throws ResourceException {
        statistics.checkoutReplacements.increment();
        closeSocket();
        try {
            peer = connector.connect();
        } catch (ResourceException e) {
            broken = true;
            events.errorOccurred(null, e);
            throw e;
        }
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        requireUsable();
        if (!(connection instanceof TcpConnectionHandle handle)) {
            throw new ResourceException("Not a TCP connection handle: " + connection);
        }
        handle.associate(this);
    }

    /** Detaches a handle that moves to another managed connection. */
    void detach(TcpConnectionHandle handle) {
        handles.remove(handle);
    }

    /** Attaches a handle that moved here from another managed connection. */
    void attach(TcpConnectionHandle handle) {
        handles.add(handle);
    }

    /** Ends every handle's use and drops the bytes the last user left unread; the socket stays open. */
    @Override
    public void cleanup() {
        handles.forEach(TcpConnectionHandle::invalidate);
        handles.clear();
        io.lock();
        try {
            if (peer != null) {
                peer.dropBuffered();
            }
        } finally {
            unlock();
        }
    }

    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        // a connection the peer closed is as broken as one a call found broken: the pool is not letting go
        boolean working = isValid();
        destroyed = true;
        factory.released(connector, !working);
        statistics.destroyed(this);
        handles.forEach(TcpConnectionHandle::invalidate);
        handles.clear();
        // not under the lock: closing the socket also ends a read that another thread is blocked in
        closeSocket();
    }

    void send(TcpConnectionHandle handle, byte[] payload) throws ResourceException {
        requireSocket("send");
        byte[] wire = encode(payload);
        io.lock();
        try {
            handle.requireOpen();
            write(handle, wire);
        } finally {
            unlock();
        }
    }

    byte[] request(TcpConnectionHandle handle, byte[] payload, long timeoutMillis) throws ResourceException {
        if (peer == null) {
            handle.requireOpen();
            return factory.request(connector, payload, timeoutMillis);
        }
        byte[] wire = encode(payload);
        io.lock();
        try {
            handle.requireOpen();
            long start = System.nanoTime();
            write(handle, wire);
            byte[] reply = read(handle, timeoutMillis, "No reply from ");
            statistics.answered(start);
            return reply;
        } finally {
            unlock();
        }
    }

    byte[] receive(TcpConnectionHandle handle, long timeoutMillis) throws ResourceException {
        requireSocket("receive");
        io.lock();
        try {
            handle.requireOpen();
            requireUsable();
            return read(handle, timeoutMillis, "Nothing received from ");
        } finally {
            unlock();
        }
    }

    long readTimeoutMillis() {
        return factory.readTimeoutMillis();
    }

    private byte[] encode(byte[] payload) throws ResourceException {
        try {
            return framing.encode(payload);
        } catch (FramingException e) {
            // nothing was written: the connection stays usable
            throw new ResourceException("Cannot frame the payload for " + peer + ": " + e.getMessage(), e);
        }
    }

    private void write(TcpConnectionHandle handle, byte[] wire) throws ResourceException {
        requireUsable();
        int timeoutMillis = factory.writeTimeoutMillis();
        try {
            peer.write(wire, timeoutMillis);
        } catch (SocketTimeoutException e) {
            statistics.timeouts.increment();
            throw broken(handle, new TcpTimeoutException("Writing to " + peer + " did not complete within "
                    + timeoutMillis + " ms; the connection is closed", e));
        } catch (IOException e) {
            statistics.ioErrors.increment();
            throw broken(handle, new ResourceException("Writing to " + peer + " failed: " + reason(e), e));
        }
    }

    private byte[] read(TcpConnectionHandle handle, long timeoutMillis, String timeoutMessage)
            throws ResourceException {
        try {
            byte[] frame = peer.readFrame(timeoutMillis);
            if (peer.ended()) {
                // a frame that ends with the stream (RAW until close) leaves nothing to lend to the next caller
                broken(handle, new ResourceException(peer + " closed the connection after its reply"));
            }
            return frame;
        } catch (SocketTimeoutException e) {
            statistics.timeouts.increment();
            throw broken(handle, new TcpTimeoutException(timeoutMessage + peer + " within " + timeoutMillis
                    + " ms; the connection is closed", e));
        } catch (EOFException e) {
            statistics.peerClosures.increment();
            throw broken(handle, new ResourceException(peer + " closed the connection", e));
        } catch (FramingException e) {
            statistics.invalidFrames.increment();
            throw broken(handle, new ResourceException("Invalid frame from " + peer + ": " + e.getMessage(), e));
        } catch (IOException e) {
            statistics.ioErrors.increment();
            throw broken(handle, new ResourceException("Reading from " + peer + " failed: " + reason(e), e));
        }
    }

    // the exceptions of a channel closed under the caller (the pool destroyed the connection) have no message
    private static String reason(IOException e) {
        return e instanceof ClosedChannelException ? "the connection was closed" : e.getMessage();
    }

    /** Handle closed, on any thread: the connection goes back to the pool once no call is using it. */
    void closed(TcpConnectionHandle handle) {
        closing.add(handle);
        releaseClosed();
    }

    // Every holder of io calls this after unlocking: a close that found io held leaves its handle to that holder.
    private void unlock() {
        io.unlock();
        releaseClosed();
    }

    private void releaseClosed() {
        if (io.isHeldByCurrentThread()) {
            return; // a close from within a call (a pool's listener): released when that call unlocks
        }
        while (!closing.isEmpty() && io.tryLock()) {
            List<TcpConnectionHandle> released = new ArrayList<>();
            try {
                for (TcpConnectionHandle handle = closing.poll(); handle != null; handle = closing.poll()) {
                    if (handles.remove(handle)) { // not if the pool took the connection back or destroyed it
                        released.add(handle);
                    }
                }
            } finally {
                io.unlock();
            }
            released.forEach(events::closed); // outside the lock: the pool may lend the connection at once
        }
    }

    // The socket's state is unknown after a failed read or write: the pool must destroy this connection.
    private ResourceException broken(TcpConnectionHandle handle, ResourceException failure) {
        broken = true;
        LOG.log(Level.FINE, "Connection to {0} broken: {1}", new Object[] {peer, failure.getMessage()});
        closeSocket();
        events.errorOccurred(handle, failure);
        return failure;
    }

    private void requireUsable() throws ResourceException {
        if (destroyed || broken) {
            throw new ResourceException("The connection to " + (peer == null ? factory.target() : peer) + " is "
                    + (destroyed ? "destroyed" : "broken"));
        }
    }

    private void requireSocket(String call) throws ResourceException {
        if (peer == null) {
            throw new ResourceException(call + " needs a socket of its own, and the connections of a multiplexed "
                    + "factory (correlation=" + factory.getCorrelation() + ") share theirs: use request or "
                    + "requestAsync, or a factory with correlation=NONE");
        }
    }

    /** @return whether this connection has a socket of its own, open: a multiplexed factory's have none */
    boolean hasSocket() {
        return peer != null && isUsable();
    }

    /** @return whether an application holds a handle on this connection now */
    boolean isLent() {
        return !handles.isEmpty();
    }

    /** @return whether this connection is not broken or destroyed; does not look at the socket */
    boolean isUsable() {
        return !broken && !destroyed;
    }

    /**
     * Looks at the socket without blocking and without consuming bytes, unless a call is using it.
     *
     * @return {@code false} if the connection is broken, destroyed, or its peer closed or reset it
     */
    boolean isValid() {
        if (!isUsable()) {
            return false;
        }
        if (peer == null || !io.tryLock()) {
            return true; // no socket of its own, or in use: a broken socket shows in the call
        }
        try {
            return peer.isAlive();
        } finally {
            unlock();
        }
    }

    boolean servesTarget(TcpManagedConnectionFactory other) {
        return factory.equals(other);
    }

    private void closeSocket() {
        if (peer == null) {
            return;
        }
        try {
            peer.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the socket to " + peer + " failed", e);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        events.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        events.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("TCP connections are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("TCP connections are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new TcpManagedConnectionMetaData(AdapterProduct.metaData(peer == null ? factory.target()
                : peer.target().toString()));
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
