package io.github.tcpadapter.adapter;

import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.inbound.InboundListener;
import io.github.tcpadapter.inbound.SessionRegistry;
import io.github.tcpadapter.inbound.TcpActivationSpec;
import io.github.tcpadapter.outbound.FactoryManagement;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The TCP resource adapter. Outbound connections need nothing from it; each message-driven bean activation gets
 * its own {@link InboundListener}, run on the server's {@link WorkManager}, and the open sessions of all listeners
 * are registered in {@link #sessions()}.
 */
@Connector(
        displayName = "TCP Resource Adapter",
        description = "Raw TCP for Jakarta EE: pooled outbound connections and message-driven inbound listeners.",
        vendorName = "tcp-adapter",
        eisType = "TCP",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class TcpResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TcpResourceAdapter.class.getName());

    // the adapters started in this class loader (one per deployed RAR), for deserialized administered objects; by
    // identity, since all adapters are equal (see equals)
    private static final Set<TcpResourceAdapter> RUNNING = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    private transient WorkManager workManager;
    private final transient Map<Activation, InboundListener> listeners = new ConcurrentHashMap<>();
    private final transient SessionRegistry sessions = new SessionRegistry();

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

    /** @return the open sessions of every listener of this adapter */
    public TcpSessions sessions() {
        return sessions;
    }

    /**
     * @return the one adapter running in this class loader, for an administered object that lost its association
     *     in serialization
     * @throws IllegalStateException if none or several run
     */
    public static TcpResourceAdapter running() {
        List<TcpResourceAdapter> running = List.copyOf(RUNNING);
        if (running.size() != 1) {
            throw new IllegalStateException(running.size() + " TCP resource adapters are running; associate the "
                    + "object with one (setResourceAdapter)");
        }
        return running.get(0);
    }

    @Override
    public void start(BootstrapContext context) {
        workManager = context.getWorkManager();
        RUNNING.add(this);
        LOG.info("TCP resource adapter started");
    }

    @Override
    public void stop() {
        listeners.values().forEach(InboundListener::stop);
        listeners.clear();
        FactoryManagement.unregisterAll();
        RUNNING.remove(this);
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
                sessions);
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

    /** @return no resources: TCP has no transactions to recover */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    private record Activation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    }
}
