package io.github.tcpadapter.inbound.admission;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many connections each client address holds, against {@code maxConnectionsPerAddress}: so that one source
 * cannot take every one of the listener's {@code maxConnections}. An address is forgotten when its last connection
 * closes, so the map holds no more entries than there are open connections.
 */
public final class ConnectionsPerAddress {

    private final int limit;
    private final Map<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    /** @param limit the most connections one address may hold; 0 for no limit */
    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /**
     * @return whether the address may have one more connection, which is then counted until {@link #release}
     */
    public boolean tryAcquire(InetAddress address) {
        if (limit == 0) {
            return true;
        }
        boolean[] taken = new boolean[1];
        counts.compute(address, (key, held) -> {
            int now = held == null ? 0 : held;
            if (now >= limit) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Counts a connection of the address as closed. */
    public void release(InetAddress address) {
        if (limit > 0) {
            counts.computeIfPresent(address, (key, held) -> held == 1 ? null : held - 1);
        }
    }
}
