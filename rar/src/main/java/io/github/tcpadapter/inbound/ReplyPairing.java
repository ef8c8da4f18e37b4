package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpCorrelation;
import java.util.Optional;

/**
 * How {@code requestAsync} on a listener's sessions pairs replies with requests.
 *
 * @param correlation the {@code correlation} property: {@code IN_ORDER} or a key kind
 * @param keys pairs replies by key; empty in order
 * @param maxInFlight how many requests may wait for their reply on one connection
 */
public record ReplyPairing(String correlation, Optional<TcpCorrelation> keys, int maxInFlight) {

    @Override
    public String toString() {
        return "correlation " + correlation + ", maxInFlight " + maxInFlight;
    }
}
