package io.github.tcpadapter.api;

import io.github.tcpadapter.adapter.TcpResourceAdapter;
import jakarta.resource.Referenceable;
import jakarta.resource.spi.AdministeredObject;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.Serializable;
import java.util.Collection;
import java.util.Optional;
import javax.naming.Reference;

/**
 * The administered object through which applications reach the open sessions of the adapter's listeners: the class
 * to name in {@code @AdministeredObjectDefinition(className = "io.github.tcpadapter.api.TcpSessionsAdminObject",
 * interfaceName = "io.github.tcpadapter.api.TcpSessions", ...)}. Applications use it through {@link TcpSessions};
 * the server creates it.
 */
@AdministeredObject(adminObjectInterfaces = TcpSessions.class)
public class TcpSessionsAdminObject implements TcpSessions, ResourceAdapterAssociation, Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    // the sessions are those of the adapter deployed in this class loader; a deserialized copy has no association
    private transient ResourceAdapter resourceAdapter;
    // where the server's naming keeps it (Connectors 13.4.2.3 asks an associated object to be Referenceable)
    private Reference reference;

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public Optional<TcpSession> find(String id) {
        return registry().find(id);
    }

    @Override
    public Collection<TcpSession> openSessions(int port) {
        return registry().openSessions(port);
    }

    @Override
    public TcpFrameCapture capture(int port, String sessionId, int capacity) {
        return registry().capture(port, sessionId, capacity);
    }

    private TcpSessions registry() {
        if (resourceAdapter == null) {
            return TcpResourceAdapter.deployedSessions();
        }
        if (!(resourceAdapter instanceof TcpResourceAdapter adapter)) {
            throw new IllegalStateException("TcpSessionsAdminObject is not associated with a TCP resource adapter (got "
                    + resourceAdapter + ")");
        }
        return adapter.sessions();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
