package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.framing.FramingException;
import jakarta.resource.spi.UnavailableException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls due to the bean for one connection: {@code onConnect}, then each received frame in order, then
 * {@code onDisconnect} (and closing the connection first if the client shut its output down). The event loop adds to it; a delivery work (see {@link DeliveryScheduler}) makes the calls,
 * one at a time, writing each reply before the next frame is delivered.
 *
 * <p>Backpressure: when {@code maxPendingFrames} frames are waiting, reading from the connection is paused
 * ({@code autoRead} off, so TCP flow control slows the client down); it resumes as soon as one was delivered.
 *
 * <p>A call the server refuses an endpoint for while the listener runs is kept, not dropped: the bean's instance
 * pool is full (Payara refuses at once instead of waiting), and the call is made again when the scheduler
 * runs this queue next.
 */
final class ConnectionQueue {

    private static final Logger LOG = Logger.getLogger(ConnectionQueue.class.getName());

    private final ChannelSession session;
    private final InboundListener listener;
    private final ListenerSettings settings;
    private final Queue<byte[]> frames = new ArrayDeque<>();
    // guarded by this
    private boolean opened;
    private boolean connectDue;
    private boolean closeDue;
    private boolean disconnectDue;
    private boolean scheduled;
    private boolean paused;
    // only the work running this queue touches these: the call the server refused an endpoint for, and why
    private Call refused;
    private UnavailableException refusal;

    /** How a batch of calls ended. */
    enum Batch {
        /** no call is due any more */
        DRAINED,
        /** calls are still due: the queue must run again */
        MORE_DUE,
        /** the server had no endpoint for the next call, which stays due; see {@link #giveUp()} */
        REFUSED
    }

    /** A call on the bean, and what to do if it is given up because the server has no endpoint for it. */
    private record Call(EndpointCall call, Consumer<UnavailableException> abandon) {
    }

    @FunctionalInterface
    private interface EndpointCall {
        void run() throws UnavailableException;
    }

    ConnectionQueue(ChannelSession session, InboundListener listener) {
        this.session = session;
        this.listener = listener;
        this.settings = listener.settings();
    }

    /** On the event loop: the connection is open; {@code onConnect} is due. */
    void opened() {
        listener.connectionStarted();
        synchronized (this) {
            opened = true;
            connectDue = true;
        }
        wakeUp();
    }

    /** On the event loop: a frame arrived. */
    void received(byte[] frame) {
        if (session.isClosing()) {
            LOG.fine(() -> "Dropping a frame of " + frame.length + " bytes from the closed " + session);
            return;
        }
        synchronized (this) {
            frames.add(frame);
            if (frames.size() >= settings.maxPendingFrames() && !paused) {
                paused = true;
                session.channel().config().setAutoRead(false);
            }
        }
        wakeUp();
    }

    /** On the event loop: the client shut its output down; the connection is closed after the frames queued. */
    void inputEnded() {
        synchronized (this) {
            closeDue = true;
        }
        wakeUp();
    }

    /** On the event loop: the connection closed; {@code onDisconnect} is due after the frames still queued. */
    void closed() {
        synchronized (this) {
            // closed before it was ever opened: no onConnect, so no onDisconnect either
            disconnectDue = opened;
        }
        wakeUp();
    }

    /** @return whether no call is due or running: the bean is not keeping the connection busy */
    synchronized boolean isIdle() {
        return !scheduled;
    }

    private void wakeUp() {
        synchronized (this) {
            if (scheduled || !callsDue()) {
                return;
            }
            scheduled = true;
        }
        listener.scheduler().schedule(this);
    }

    private boolean callsDue() {
        return refused != null || connectDue || !frames.isEmpty() || closeDue || disconnectDue;
    }

    /**
     * On a delivery work: makes up to {@code maxPendingFrames} calls.
     *
     * @return how the batch ended
     */
    Batch runBatch() {
        for (int i = 0; i < settings.maxPendingFrames(); i++) {
            Call next = nextCall();
            if (next == null) {
                return Batch.DRAINED;
            }
            try {
                next.call().run();
            } catch (UnavailableException e) {
                if (!listener.isStopping()) {
                    refused = next;
                    refusal = e;
                    return Batch.REFUSED;
                }
                next.abandon().accept(e);
            }
        }
        synchronized (this) {
            scheduled = callsDue();
            return scheduled ? Batch.MORE_DUE : Batch.DRAINED;
        }
    }

    /**
     * On a delivery work, after {@link Batch#REFUSED} when no other delivery of the listener holds a bean, so the
     * server has none to give at all: abandons the refused call as if the listener were stopping.
     */
    void giveUp() {
        Call call = refused;
        refused = null;
        call.abandon().accept(refusal);
    }

    private synchronized Call nextCall() {
        if (refused != null) {
            Call retry = refused;
            refused = null;
            return retry;
        }
        if (connectDue) {
            connectDue = false;
            return new Call(this::connect, e -> unavailable("onConnect", e));
        }
        byte[] frame = frames.poll();
        if (frame != null) {
            if (paused) {
                paused = false;
                listener.resumeReading(session.channel());
            }
            return new Call(() -> deliver(frame),
                    e -> unavailable("onMessage with a frame of " + frame.length + " bytes", e));
        }
        if (closeDue) {
            closeDue = false;
            return new Call(session::close, e -> { });
        }
        if (disconnectDue) {
            disconnectDue = false;
            return new Call(this::disconnect, e -> {
                LOG.log(quietWhileStopping(), "No message endpoint for onDisconnect of " + session, e);
                listener.connectionEnded();
            });
        }
        scheduled = false;
        return null;
    }

    /** The work manager gave no thread: nothing can be delivered, so the connection is closed. */
    void rejected(RejectedExecutionException e) {
        LOG.log(Level.WARNING, "No thread to deliver to the bean; closing " + session, e);
        session.close();
        boolean disconnect;
        synchronized (this) {
            frames.clear();
            connectDue = false;
            disconnect = disconnectDue;
            disconnectDue = false;
            scheduled = false;
        }
        if (disconnect) {
            listener.connectionEnded();
        }
    }

    private void connect() throws UnavailableException {
        try {
            listener.delivery().onConnect(session);
        } catch (RuntimeException e) {
            failed("onConnect", e);
        }
    }

    private void deliver(byte[] frame) throws UnavailableException {
        if (session.isClosing()) {
            return; // closed since it was queued (onError=CLOSE, a bean, the idle timeout, stopping)
        }
        TcpMessage message = new TcpMessage(frame, session.id(), session.remoteAddress(), settings.charset());
        String what = "onMessage with a frame of " + frame.length + " bytes";
        try {
            byte[] reply = listener.delivery().onMessage(message);
            if (reply != null) {
                session.write(reply);
            }
        } catch (FramingException e) {
            failed(what, new FramingException("the bean's reply cannot be framed: " + e.getMessage()));
        } catch (RuntimeException e) {
            failed(what, e);
        }
    }

    private void disconnect() throws UnavailableException {
        try {
            listener.delivery().onDisconnect(session);
        } catch (RuntimeException e) {
            LOG.log(quietWhileStopping(), "The bean failed in onDisconnect of " + session, e);
        }
        listener.connectionEnded();
    }

    private void unavailable(String what, UnavailableException e) {
        LOG.log(quietWhileStopping(), "No message endpoint for " + what + " from " + session + "; closing it", e);
        session.close();
    }

    // a server stops handing out endpoints, and closes those handed out, as soon as undeployment begins (Payara
    // does, before deactivating us): no news then
    private Level quietWhileStopping() {
        return listener.isStopping() ? Level.FINE : Level.WARNING;
    }

    private void failed(String what, Exception e) {
        boolean close = settings.onError() == OnError.CLOSE;
        LOG.log(Level.WARNING, "The bean failed in " + what + " from " + session + "; "
                + (close ? "closing the connection" : "going on with the next frame"), e);
        if (close) {
            session.close();
        }
    }
}
