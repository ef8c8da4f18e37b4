package io.github.tcpadapter.adapter;

import io.github.tcpadapter.inbound.session.SessionRegistry;

/**
 * The session registry of the deployed RAR, which its class loader stands for. The deployment owns it, not an
 * adapter instance: WildFly starts an instance for the message-driven beans and one more for each resource
 * definition, and the administered object of one must see the sessions of the other's listeners. Each running
 * instance holds it; once the last stops, it is dropped with its session ids and frame captures, and the next start
 * begins a new one.
 */
final class DeployedSessions {

    // guarded by the class
    private static SessionRegistry registry;
    private static int holders;

    private DeployedSessions() {
    }

    /** @return the registry, held by a starting adapter instance until it calls {@link #release} */
    static synchronized SessionRegistry acquire() {
        holders++;
        return current();
    }

    /** An adapter instance that held the registry stopped. */
    static synchronized void release() {
        if (--holders == 0) {
            registry = null;
        }
    }

    /** @return the registry the running instances hold, or the one the next to start will */
    static synchronized SessionRegistry current() {
        if (registry == null) {
            registry = new SessionRegistry();
        }
        return registry;
    }
}
