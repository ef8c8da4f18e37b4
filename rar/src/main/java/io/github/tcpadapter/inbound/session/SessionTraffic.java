package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.api.TcpSessionTraffic;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The frames and bytes of one session each way. Frames in are counted on the connection's event loop only, frames
 * out on any thread, so only those need an atomic add; no lock either way.
 */
final class SessionTraffic {

    private static final AtomicLongFieldUpdater<SessionTraffic> FRAMES_OUT =
            AtomicLongFieldUpdater.newUpdater(SessionTraffic.class, "framesOut");
    private static final AtomicLongFieldUpdater<SessionTraffic> BYTES_OUT =
            AtomicLongFieldUpdater.newUpdater(SessionTraffic.class, "bytesOut");

    private volatile long framesIn;
    private volatile long bytesIn;
    private volatile long framesOut;
    private volatile long bytesOut;
    private volatile long lastActivityMillis;

    /** On the event loop: a frame arrived. */
    void received(int payloadBytes) { // one writer, the event loop: no atomic add needed
        framesIn++;
        bytesIn += payloadBytes;
        lastActivityMillis = System.currentTimeMillis();
    }

    /** On any thread: a frame is being written. */
    void sent(int payloadBytes) {
        FRAMES_OUT.incrementAndGet(this);
        BYTES_OUT.addAndGet(this, payloadBytes);
        lastActivityMillis = System.currentTimeMillis();
    }

    TcpSessionTraffic snapshot(Instant openedAt) {
        long last = lastActivityMillis;
        return new TcpSessionTraffic(framesIn, bytesIn, framesOut, bytesOut,
                last == 0 ? openedAt : Instant.ofEpochMilli(last));
    }
}
