package io.github.tcpadapter.api;

import jakarta.resource.Referenceable;
import jakarta.resource.spi.AdministeredObject;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.Serializable;
import java.util.Collection;
import java.util.Optional;
import java.util.ServiceLoader;
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
    // without an association, the deployed adapter's sessions, looked up once
    private transient TcpSessions deployed;
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

    // the adapter is the TcpSessions: this jar names no class of the implementation
    private TcpSessions registry() {
        if (resourceAdapter == null) {
            if (deployed == null) {
                deployed = deployed();
            }
            return deployed;
        }
        if (!(resourceAdapter instanceof TcpSessions sessions)) {
            throw new IllegalStateException("TcpSessionsAdminObject is not associated with a TCP resource adapter (got "
                    + resourceAdapter + ")");
        }
        return sessions;
    }

    // no association (a deserialized copy): the sessions of the adapter deployed in this class loader, which the
    // RAR declares as its TcpSessions service
    private static TcpSessions deployed() {
        return ServiceLoader.load(TcpSessions.class, TcpSessionsAdminObject.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "TcpSessionsAdminObject is not associated with a TCP resource adapter, and none is deployed"));
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
