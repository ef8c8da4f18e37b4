package io.github.tcpadapter.outbound;

import io.github.tcpadapter.inbound.delivery.NamedWorks;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The connection factory configurations that one resource adapter instance runs, each with its
 * {@link FactoryManagement} (statistics, MBean, host selector) shared by the factories and connections of that
 * configuration. The Connectors specification gives a factory no end: the server just drops it when the application
 * goes. What ends is the pool: it destroys its connections. So a configuration is held by its live connections: its
 * management is made with the first factory or connection of the configuration, and dropped (its MBean unregistered)
 * when the pool destroys the last of them while it still worked, or when the adapter instance stops. A connection
 * destroyed because it broke does not drop it: the pool replaces it, and the failures stay counted. Outside a
 * server (no MBeans, connections not pooled) a factory's own registry keeps its configurations as long as the
 * factory: each call opens and destroys a connection, and the host selector must remember the calls before.
 * A multiplexed configuration also owns its shared links ({@link FactoryManagement#multiplexer}): they close when it
 * is dropped, but the pool's last connection going while {@code requestAsync} requests are in flight does not drop
 * it (a handle's close must not cancel them); it stays until the adapter stops or a later release finds it idle.
 * Thread-safe.
 */
public final class FactoryRegistry {

    /** A resource adapter that runs connection factories: the factories it is associated with use its registry. */
    public interface Owner {

        /** @return the registry of the factories this adapter instance runs */
        FactoryRegistry factories();
    }

    private final boolean registersMBeans;
    private volatile WorkManager workManager;
    // guarded by this: by configuration, usually a handful
    private final Map<List<Object>, Use> uses = new HashMap<>();

    /** A configuration in use, and how many live connections hold it. */
    private static final class Use {

        final FactoryManagement management;
        int connections;

        Use(FactoryManagement management) {
            this.management = management;
        }
    }

    /** @param registersMBeans whether the configurations' MBeans are registered: the factories run in a server */
    public FactoryRegistry(boolean registersMBeans) {
        this.registersMBeans = registersMBeans;
    }

    /**
     * @param configuration a factory's configuration
     * @param created makes the management of a configuration not in use yet
     * @return the management of the configuration, made and registered if it is not in use
     */
    synchronized FactoryManagement management(List<Object> configuration, Supplier<FactoryManagement> created) {
        return use(configuration, created).management;
    }

    /**
     * A new connection holds the configuration: {@link #release} once the pool destroys it.
     *
     * @return the management of the configuration, made and registered if it is not in use
     */
    synchronized FactoryManagement acquire(List<Object> configuration, Supplier<FactoryManagement> created) {
        Use use = use(configuration, created);
        use.connections++;
        return use.management;
    }

    /**
     * A connection of the configuration is destroyed.
     *
     * @param broken whether it broke: then the configuration stays, at no connection, until one works again
     */
    void release(FactoryManagement management, boolean broken) {
        if (dropped(management, broken)) {
            management.close(); // outside the lock: closing multiplexed links waits for their event loop
        }
    }

    private synchronized boolean dropped(FactoryManagement management, boolean broken) {
        Use use = uses.get(management.configuration());
        if (use == null || use.management != management) {
            return false; // dropped already: the adapter stopped, or the pool let go of the configuration before
        }
        use.connections--;
        // the links of a multiplexed configuration are its own: a handle's close leaves its requests in flight
        if (use.connections <= 0 && !broken && registersMBeans && management.asyncRequestsInFlight() == 0) {
            uses.remove(management.configuration());
            return true;
        }
        return false;
    }

    /**
     * @param workManager the adapter instance's, from its start to its stop; {@code null} outside a server
     */
    public void useWorkManager(WorkManager workManager) {
        this.workManager = workManager;
    }

    /**
     * @return what runs the works of multiplexed links: the server's work manager, each kind of work under its
     *     name; outside a server (no work manager), each work a new daemon thread of the adapter's own
     */
    BiFunction<String, Boolean, Executor> works() {
        WorkManager server = workManager;
        if (server != null) {
            return (name, longRunning) -> new NamedWorks(server, name, longRunning);
        }
        return (name, longRunning) -> {
            AtomicInteger number = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            };
        };
    }

    /** Drops every configuration, unregisters their MBeans, closes their links: the adapter instance stops. */
    public void closeAll() {
        List<Use> closed;
        synchronized (this) {
            closed = new ArrayList<>(uses.values());
            uses.clear();
        }
        closed.forEach(use -> use.management.close());
    }

    // guarded by this
    private Use use(List<Object> configuration, Supplier<FactoryManagement> created) {
        Use use = uses.get(configuration);
        if (use == null) {
            use = new Use(created.get());
            uses.put(configuration, use);
            if (registersMBeans) {
                use.management.register();
            }
        }
        return use;
    }
}
