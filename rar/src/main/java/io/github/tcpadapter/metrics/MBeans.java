package io.github.tcpadapter.metrics;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers the adapter's MXBeans in the platform MBean server, the one application servers expose. A failure is
 * logged, not thrown: what the MBean describes works without it.
 */
public final class MBeans {

    /** The domain of the adapter's MBean names. */
    public static final String DOMAIN = "io.github.tcpadapter";

    private static final Logger LOG = Logger.getLogger(MBeans.class.getName());

    private MBeans() {
    }

    /**
     * @param name an MBean name, its values quoted where they may hold special characters
     * @throws IllegalArgumentException if it is not a valid name
     */
    public static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException("An invalid MBean name: " + name, e);
        }
    }

    /**
     * @param implementation what answers the MBean's calls
     * @param type the MXBean interface it implements
     * @param name the name to register it under
     * @return whether it was registered (not if an MBean of that name exists)
     */
    public static <T> boolean register(T implementation, Class<T> type, ObjectName name) {
        try {
            server().registerMBean(new StandardMBean(implementation, type, true), name);
            return true;
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot register the MBean " + name + "; what it describes runs without it", e);
            return false;
        }
    }

    /** Unregisters the MBean of that name, if one is registered. */
    public static void unregister(ObjectName name) {
        try {
            if (server().isRegistered(name)) {
                server().unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot unregister the MBean " + name, e);
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
