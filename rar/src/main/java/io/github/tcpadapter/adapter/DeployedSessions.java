package io.github.tcpadapter.adapter;

import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.cluster.ClusterSessions;
import io.github.tcpadapter.inbound.session.SessionRegistry;

/**
 * The session registry of the deployed RAR, which its class loader stands for, and in a cluster the member that
 * shares it. The deployment owns them, not an adapter instance: WildFly starts an instance for the message-driven
 * beans and one more for each resource definition, and the administered object of one must see the sessions of the
 * other's listeners. Each running instance holds them; the first to start joins the server's cluster, if there is
 * one; once the last stops, the member leaves and the registry is dropped with its session ids and frame captures,
 * and the next start begins anew.
 */
final class DeployedSessions {

    // guarded by the class
    private static SessionRegistry registry;
    private static ClusterSessions sessions;
    private static int holders;

    private DeployedSessions() {
    }

    /** @return the registry, held by a starting adapter instance until it calls {@link #release} */
    static synchronized SessionRegistry acquire() {
        holders++;
        SessionRegistry held = registry();
        if (sessions == null) {
            sessions = ClusterSessions.open(held, DeployedSessions.class.getClassLoader());
        }
        return held;
    }

    /** An adapter instance that held the registry stopped. */
    static synchronized void release() {
        if (--holders == 0) {
            sessions.close();
            sessions = null;
            registry = null;
        }
    }

    /** @return the registry the running instances hold, or the one the next to start will */
    static synchronized SessionRegistry registry() {
        if (registry == null) {
            registry = new SessionRegistry();
        }
        return registry;
    }

    /** @return the sessions applications see: the cluster's while an instance runs, else this server's registry */
    static synchronized TcpSessions sessions() {
        return sessions != null ? sessions : registry();
    }
}
