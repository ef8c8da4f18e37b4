package io.github.tcpadapter.adapter;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.inbound.InboundListener;
import io.github.tcpadapter.inbound.TcpActivationSpec;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import io.github.tcpadapter.outbound.FactoryRegistry;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The TCP resource adapter. Outbound connections need nothing from it; each message-driven bean activation gets
 * its own {@link InboundListener}, run on the server's {@link WorkManager}, and the open sessions of all listeners
 * are registered in {@link #sessions()}. What an instance starts it stops: its listeners, and the MBeans of the
 * connection factories associated with it ({@link #factories()}). The adapter is itself those {@link TcpSessions},
 * so that the administered object {@link io.github.tcpadapter.api.TcpSessionsAdminObject} reaches them through its
 * association without naming this class (the api jar imports nothing of the implementation); for an administered
 * object without an association, the adapter is also declared as the {@code TcpSessions} service of the RAR's class
 * loader.
 */
@Connector(
        displayName = "TCP Resource Adapter",
        description = "Raw TCP for Jakarta EE: pooled outbound connections and message-driven inbound listeners.",
        vendorName = "tcp-adapter",
        eisType = "TCP",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class TcpResourceAdapter implements ResourceAdapter, TcpSessions, FactoryRegistry.Owner, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TcpResourceAdapter.class.getName());

    private transient WorkManager workManager;
    private transient int portOffset;
    // held from start to stop (see DeployedSessions)
    private transient SessionRegistry sessions;
    private final transient FactoryRegistry factories = new FactoryRegistry(true);
    private final transient Map<Activation, InboundListener> listeners = new ConcurrentHashMap<>();

    /**
     * Equal to any other TCP resource adapter: the Connectors specification (5.3.1) defines an adapter's equality by
     * its configuration properties, and this one has none. IronJacamar (WildFly) refuses an adapter without it.
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().getName().hashCode();
    }

    /** @return the open sessions of every listener of this deployed adapter, whichever instance started them */
    public TcpSessions sessions() {
        return deployedSessions();
    }

    /** @return the open sessions of every listener of the adapter deployed in this class loader */
    public static TcpSessions deployedSessions() {
        return DeployedSessions.sessions();
    }

    /** @return the connection factories this instance runs; their MBeans go when it stops */
    @Override
    public FactoryRegistry factories() {
        return factories;
    }

    @Override
    public Optional<TcpSession> find(String id) {
        return sessions().find(id);
    }

    @Override
    public Collection<TcpSession> openSessions(int port) {
        return sessions().openSessions(port);
    }

    @Override
    public TcpFrameCapture capture(int port, String sessionId, int capacity) {
        return sessions().capture(port, sessionId, capacity);
    }

    @Override
    public synchronized void start(BootstrapContext context) throws ResourceAdapterInternalException {
        portOffset = portOffset(System.getProperty(InboundListener.PORT_OFFSET_PROPERTY));
        workManager = context.getWorkManager();
        factories.useWorkManager(workManager);
        if (sessions == null) {
            sessions = DeployedSessions.acquire();
        }
        LOG.info(portOffset == 0 ? "TCP resource adapter started"
                : "TCP resource adapter started; listeners bind their port + " + portOffset + " ("
                        + InboundListener.PORT_OFFSET_PROPERTY + ")");
    }

    @Override
    public synchronized void stop() {
        listeners.values().forEach(InboundListener::stop);
        listeners.clear();
        factories.closeAll();
        factories.useWorkManager(null);
        workManager = null;
        if (sessions != null) {
            sessions = null;
            DeployedSessions.release();
        }
        LOG.info("TCP resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof TcpActivationSpec tcpSpec)) {
            throw new NotSupportedException("Unsupported activation spec " + spec.getClass().getName());
        }
        if (workManager == null) {
            throw new ResourceAdapterInternalException("The TCP resource adapter is not started");
        }
        InboundListener listener = new InboundListener(tcpSpec.settings(), endpointFactory, workManager,
                sessions, portOffset);
        listener.start();
        listeners.put(new Activation(endpointFactory, spec), listener);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        InboundListener listener = listeners.remove(new Activation(endpointFactory, spec));
        if (listener != null) {
            listener.stop();
        }
    }

    /**
     * @param value the system property {@link InboundListener#PORT_OFFSET_PROPERTY}: several instances of a server
     *     on one host (a deployment group) run the same listeners, each instance on its own ports
     * @return the offset, 0 if unset
     */
    static int portOffset(String value) throws ResourceAdapterInternalException {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.trim());
            if (offset >= 0 && offset <= 65_535) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below, with the name
        }
        throw new ResourceAdapterInternalException("The system property " + InboundListener.PORT_OFFSET_PROPERTY
                + " must be a number of ports from 0 to 65535, not '" + value + "'");
    }

    /** @return no resources: TCP has no transactions to recover */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    private record Activation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    }
}
