package io.github.tcpadapter.outbound.multiplex;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One request between its acceptance and its outcome: no thread waits for it. Its state belongs to its link's event
 * loop, which settles it exactly once (reply, timeout, link loss or stop); the future is completed afterwards on a
 * completion work, never on the event loop.
 */
final class Pending {

    final byte[] wire;
    final String key; // null in order
    final long timeoutMillis;
    final long startNanos = System.nanoTime();
    final CompletableFuture<byte[]> future = new CompletableFuture<>();
    /** A link's own heartbeat: no caller waits for it, and its answer proves the link alive. */
    boolean heartbeat;
    // event loop only, from here on
    ScheduledFuture<?> timeout;
    boolean written;
    boolean settled;

    /**
     * @param wire the request framed for the wire
     * @param key the key its reply will carry, or {@code null} in order
     * @param timeoutMillis how long its reply may take, from now
     */
    Pending(byte[] wire, String key, long timeoutMillis) {
        this.wire = wire;
        this.key = key;
        this.timeoutMillis = timeoutMillis;
    }
}
