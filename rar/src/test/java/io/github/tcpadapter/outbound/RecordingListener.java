package io.github.tcpadapter.outbound;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the connection events a managed connection sends the pool. */
final class RecordingListener implements ConnectionEventListener {

    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    /** @return a listener that records the events of {@code connection} from now on */
    static RecordingListener on(ManagedConnection connection) {
        RecordingListener listener = new RecordingListener();
        connection.addConnectionEventListener(listener);
        return listener;
    }

    List<Integer> ids() {
        return events.stream().map(ConnectionEvent::getId).toList();
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }
}
