package io.github.tcpadapter.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connection manager used outside an application server: every connection gets its own socket, closed when
 * the connection is.
 */
final class UnpooledConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(UnpooledConnectionManager.class.getName());

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, info);
        connection.addConnectionEventListener(new DestroyWhenDone(connection));
        return connection.getConnection(null, info);
    }

    private record DestroyWhenDone(ManagedConnection connection) implements ConnectionEventListener {

        @Override
        public void connectionClosed(ConnectionEvent event) {
            destroy();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            destroy();
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            // TCP connections have no transactions
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            // TCP connections have no transactions
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            // TCP connections have no transactions
        }

        private void destroy() {
            try {
                connection.destroy();
            } catch (ResourceException e) {
                LOG.log(Level.WARNING, "Cannot destroy " + connection, e);
            }
        }
    }
}
