package io.github.tcpadapter.cluster.payara;

import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterProvider;

import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The adapter's cluster on Payara's Domain Data Grid: the server's own Hazelcast, which Payara binds at JNDI
 * {@value #JNDI_NAME} while the data grid runs, and binds nothing when it is switched off. Loads on any server: this
 * class names no Hazelcast type, and only looks the instance up once it has seen that Hazelcast's classes are
 * visible to its class loader (Payara's API class loader exports them to applications; WildFly has none).
 */
public final class PayaraClusterProvider implements ClusterProvider {

    /** Payara's default for {@code asadmin set-hazelcast-configuration --jndiName}. */
    static final String JNDI_NAME = "payara/Hazelcast";

    private static final String HAZELCAST_INSTANCE = "com.hazelcast.core.HazelcastInstance";
    private static final Logger LOG = Logger.getLogger(PayaraClusterProvider.class.getName());

    private final Lookup lookup;

    /** Looks Payara's Hazelcast up in the server's naming context. */
    public PayaraClusterProvider() {
        this(PayaraClusterProvider::lookUpDataGrid);
    }

    /** @param lookup finds the data grid's Hazelcast instance, or throws if nothing is bound */
    PayaraClusterProvider(Lookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public Optional<ClusterChannel> open(String channel) throws Exception {
        Objects.requireNonNull(channel, "channel");
        if (!hazelcastVisible()) {
            LOG.fine("No Payara data grid: Hazelcast's classes are not visible to the adapter");
            return Optional.empty();
        }
        Object dataGrid;
        try {
            dataGrid = lookup.find();
        } catch (NamingException e) {
            LOG.log(Level.FINE, "No Payara data grid: {0} is not bound ({1})", new Object[] {JNDI_NAME, e});
            return Optional.empty();
        }
        return HazelcastChannel.open(dataGrid, JNDI_NAME, channel);
    }

    private boolean hazelcastVisible() {
        try {
            Class.forName(HAZELCAST_INSTANCE, false, PayaraClusterProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Object lookUpDataGrid() throws NamingException {
        InitialContext context = new InitialContext();
        try {
            return context.lookup(JNDI_NAME);
        } finally {
            context.close();
        }
    }

    /** How the provider finds the data grid's instance; tests hand one over directly. */
    @FunctionalInterface
    interface Lookup {

        /**
         * @return what is bound at {@value PayaraClusterProvider#JNDI_NAME}
         * @throws NamingException if nothing is (the data grid is off, or this is not Payara)
         */
        Object find() throws NamingException;
    }
}
