package io.github.tcpadapter.inbound.flow;

import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a connection is read from: reading stops while any reason holds, and resumes, decoding the bytes held
 * back, when the last one ends (unless the listener is stopping). Only the connection's event loop changes it;
 * other threads go through {@link #resumeLater}.
 */
public final class ReadGate {

    /** Why reading is paused. */
    public enum Reason {
        /** {@code maxPendingFrames} frames wait for the bean */
        FRAMES,
        /** the client leaves too much unread: its replies wait in the outbound buffer */
        ROOM,
        /** the listener holds {@code maxPendingBytes}, and this connection more than its share */
        BUDGET
    }

    private static final Logger LOG = Logger.getLogger(ReadGate.class.getName());

    private final Channel channel;
    private final BooleanSupplier stopping;
    // the reasons that hold, a bit each by ordinal: an idle connection's gate is one small object
    private int reasons;
    // for other threads (the listener's MBean): whether any reason holds
    private volatile boolean paused;

    public ReadGate(Channel channel, BooleanSupplier stopping) {
        this.channel = channel;
        this.stopping = stopping;
    }

    /** On the event loop: stops reading for this reason. */
    public void pause(Reason reason) {
        int bit = 1 << reason.ordinal();
        if ((reasons & bit) == 0) {
            reasons |= bit;
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    /** On the event loop: this reason no longer holds; reads again if no other does. */
    public void resume(Reason reason) {
        int bit = 1 << reason.ordinal();
        if ((reasons & bit) == 0) {
            return;
        }
        reasons &= ~bit;
        if (reasons != 0) {
            return;
        }
        paused = false;
        if (!stopping.getAsBoolean()) {
            channel.config().setAutoRead(true);
            channel.pipeline().fireUserEventTriggered(FrameDecoderHandler.DECODE_MORE);
        }
    }

    /** From any thread: whether reading is paused for some reason now. */
    public boolean isPaused() {
        return paused;
    }

    /** From any thread: {@link #resume}, at once on the connection's event loop, else as a task of it. */
    void resumeOnItsLoop(Reason reason) {
        if (channel.eventLoop().inEventLoop()) {
            resume(reason);
        } else {
            resumeLater(reason);
        }
    }

    /** From any thread: {@link #resume} on the event loop. */
    public void resumeLater(Reason reason) {
        try {
            channel.eventLoop().execute(() -> resume(reason));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "Not resuming reading from " + channel + ": the event loop is shutting down", e);
        }
    }
}
