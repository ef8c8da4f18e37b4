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

    @Override
    public TcpConnection getConnection() throws ResourceException {
        return (TcpConnection) connectionManager.allocateConnection(managedConnectionFactory, null);
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
