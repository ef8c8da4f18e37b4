package io.github.tcpadapter.metrics;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
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

    /**
     * @param implementation what answers the MBean's calls
     * @param type the MXBean interface it implements
     * @param tries how many names to try at most
     * @param names the names to try, by number from 1
     * @return the first name that no other MBean had, under which it is registered now; {@code null} if none
     */
    public static <T> ObjectName registerFirstFree(T implementation, Class<T> type, int tries,
            IntFunction<ObjectName> names) {
        for (int number = 1; number <= tries; number++) {
            ObjectName name = names.apply(number);
            try {
                server().registerMBean(new StandardMBean(implementation, type, true), name);
                return name;
            } catch (InstanceAlreadyExistsException e) {
                // taken: the next number
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Cannot register the MBean " + name + "; what it describes runs without it", e);
                return null;
            }
        }
        LOG.warning(() -> "Cannot register the MBean " + names.apply(1) + ": the first " + tries + " numbered names "
                + "are taken; what it describes runs without it");
        return null;
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
