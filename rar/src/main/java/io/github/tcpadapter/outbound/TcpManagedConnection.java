package io.github.tcpadapter.outbound;

import io.github.tcpadapter.framing.FrameReader;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** One pooled socket to the configured peer, and the I/O its connection handles perform on it. */
public final class TcpManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(TcpManagedConnection.class.getName());

    private final TcpManagedConnectionFactory factory;
    private final Socket socket;
    private final ReplyDeadlineInput in;
    private final OutputStream out;
    private final Framing framing;
    private final FrameReader reader;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<TcpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private volatile boolean broken;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    TcpManagedConnection(TcpManagedConnectionFactory factory, Socket socket) throws ResourceException {
        this.factory = factory;
        this.socket = socket;
        try {
            this.in = new ReplyDeadlineInput(socket);
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            closeSocket();
            throw new ResourceException("Cannot use the connection to " + factory.target() + ": " + e.getMessage(), e);
        }
        this.framing = factory.framing();
        this.reader = new FrameReader(in, framing.newDecoder());
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        requireUsable();
        TcpConnectionHandle handle = new TcpConnectionHandle(this);
        handles.add(handle);
        return handle;
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

    @Override
    public void cleanup() {
        handles.forEach(TcpConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        destroyed = true;
        cleanup();
        closeSocket();
    }

    synchronized void send(TcpConnectionHandle handle, byte[] payload) throws ResourceException {
        write(handle, encode(payload));
    }

    synchronized byte[] request(TcpConnectionHandle handle, byte[] payload) throws ResourceException {
        write(handle, encode(payload));
        in.expireIn(factory.readTimeoutMillis());
        try {
            byte[] reply = reader.read();
            if (reply == null) {
                throw broken(handle, factory.target() + " closed the connection before replying", null);
            }
            return reply;
        } catch (SocketTimeoutException e) {
            throw broken(handle, "No reply from " + factory.target() + " within " + factory.readTimeoutMillis()
                    + " ms", e);
        } catch (FramingException e) {
            throw broken(handle, "Invalid reply from " + factory.target() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw broken(handle, "Reading from " + factory.target() + " failed: " + e.getMessage(), e);
        }
    }

    private byte[] encode(byte[] payload) throws ResourceException {
        try {
            return framing.encode(payload);
        } catch (FramingException e) {
            // nothing was written: the connection stays usable
            throw new ResourceException("Cannot frame the payload for " + factory.target() + ": " + e.getMessage(),
                    e);
        }
    }

    private void write(TcpConnectionHandle handle, byte[] wire) throws ResourceException {
        requireUsable();
        try {
            out.write(wire);
            out.flush();
        } catch (IOException e) {
            throw broken(handle, "Writing to " + factory.target() + " failed: " + e.getMessage(), e);
        }
    }

    /** Handle closed: the connection goes back to the pool. */
    void closed(TcpConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    // The socket's state is unknown after a failed read or write: the pool must destroy this connection.
    private ResourceException broken(TcpConnectionHandle handle, String message, Exception cause) {
        broken = true;
        ResourceException failure = new ResourceException(message, cause);
        LOG.log(Level.FINE, "Connection to {0} broken: {1}", new Object[] {factory.target(), message});
        closeSocket();
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, failure);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
        return failure;
    }

    private void requireUsable() throws ResourceException {
        if (!isUsable()) {
            throw new ResourceException("The connection to " + factory.target() + " is "
                    + (destroyed ? "destroyed" : "broken"));
        }
    }

    boolean isUsable() {
        return !broken && !destroyed;
    }

    boolean servesTarget(TcpManagedConnectionFactory other) {
        return factory.equals(other);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the socket to " + factory.target() + " failed", e);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
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
        return new TcpManagedConnectionMetaData(factory.target());
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
