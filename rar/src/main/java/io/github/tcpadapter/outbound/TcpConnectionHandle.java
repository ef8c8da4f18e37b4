package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpConnection;
import jakarta.resource.ResourceException;

/** The application's handle on a pooled {@link TcpManagedConnection}. */
public final class TcpConnectionHandle implements TcpConnection {

    private volatile TcpManagedConnection connection;
    private volatile boolean closed;

    TcpConnectionHandle(TcpManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void send(byte[] frame) throws ResourceException {
        managedConnection().send(this, frame);
    }

    @Override
    public byte[] request(byte[] frame) throws ResourceException {
        return managedConnection().request(this, frame);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connection.closed(this);
        }
    }

    /** Moves this handle to another managed connection, as the pool asks. */
    void associate(TcpManagedConnection target) {
        connection.detach(this);
        connection = target;
        target.attach(this);
    }

    /** Ends this handle's use without giving the connection back: the pool took it back already. */
    void invalidate() {
        closed = true;
    }

    private TcpManagedConnection managedConnection() {
        if (closed) {
            throw new IllegalStateException("The TCP connection handle is closed");
        }
        return connection;
    }
}
