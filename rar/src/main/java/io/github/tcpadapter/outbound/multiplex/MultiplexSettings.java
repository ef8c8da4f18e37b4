package io.github.tcpadapter.outbound.multiplex;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.conversation.Heartbeat;
import java.util.Optional;

/**
 * How one factory configuration multiplexes its requests.
 *
 * @param name names the links in log lines and their threads, e.g. "backend:7000"
 * @param correlation the {@code correlation} property: {@code IN_ORDER} or a key kind
 * @param keys pairs replies with requests by key; empty for in order (the peer answers in request order)
 * @param links how many sockets the requests share ({@code multiplexedConnections})
 * @param maxInFlight how many requests may wait for their reply on one socket ({@code maxInFlight})
 * @param framing the wire format, as the pooled connections use it
 * @param maxBackoffMillis the longest wait between two connect attempts of a link ({@code retryIntervalMillis})
 * @param heartbeat what a quiet link sends; {@code null} for nothing. By key, a heartbeat whose answer is awaited
 *     must carry a key the correlation reads
 */
public record MultiplexSettings(String name, String correlation, Optional<TcpCorrelation> keys, int links,
        int maxInFlight, Framing framing, long maxBackoffMillis, Heartbeat heartbeat) {
}
