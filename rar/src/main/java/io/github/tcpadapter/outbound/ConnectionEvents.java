package io.github.tcpadapter.outbound;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The pool's listeners on one managed connection, and the two events a TCP connection sends them. */
final class ConnectionEvents {

    private final ManagedConnection source;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();

    ConnectionEvents(ManagedConnection source) {
        this.source = source;
    }

    void add(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    void remove(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** Tells the pool that the handle is closed: the connection goes back to the pool. */
    void closed(Object handle) {
        ConnectionEvent event = new ConnectionEvent(source, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    /** Tells the pool that the connection is broken: it must destroy it, not reuse it. */
    void errorOccurred(Object handle, Exception failure) {
        ConnectionEvent event = new ConnectionEvent(source, ConnectionEvent.CONNECTION_ERROR_OCCURRED, failure);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
    }
}
