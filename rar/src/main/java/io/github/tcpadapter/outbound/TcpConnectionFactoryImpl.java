package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMetaData;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The connection factory bound in JNDI: asks the server's connection manager for pooled connections. */
public final class TcpConnectionFactoryImpl implements TcpConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final TcpManagedConnectionFactory managedConnectionFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    TcpConnectionFactoryImpl(TcpManagedConnectionFactory managedConnectionFactory,
            ConnectionManager connectionManager) {
        this.managedConnectionFactory = managedConnectionFactory;
        this.connectionManager = connectionManager;
    }

    /**
     * @throws ResourceException the adapter's own, with its reason (which host, why), when the server's pool wraps
     *     it in one of its own: IronJacamar's {@code IJ000453: Unable to get managed connection} says neither
     */
    @Override
    public TcpConnection getConnection() throws ResourceException {
        try {
            return (TcpConnection) connectionManager.allocateConnection(managedConnectionFactory, null);
        } catch (ResourceException e) {
            throw adaptersOwn(e);
        }
    }

    // the innermost ResourceException: the adapter never wraps one in another, a server's pool may
    private static ResourceException adaptersOwn(ResourceException thrown) {
        ResourceException innermost = thrown;
        for (Throwable cause = thrown.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ResourceException own) {
                innermost = own;
            }
        }
        return innermost;
    }

    @Override
    public TcpMetaData getMetaData() {
        return managedConnectionFactory.metaData();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
