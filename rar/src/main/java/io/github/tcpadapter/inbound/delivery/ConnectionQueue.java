package io.github.tcpadapter.inbound.delivery;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.inbound.flow.ByteBudget;
import io.github.tcpadapter.inbound.flow.ReadGate;
import io.github.tcpadapter.inbound.session.ChannelSession;
import io.github.tcpadapter.inbound.session.ListenerCounters;
import io.github.tcpadapter.metrics.SummarizedLog;
import jakarta.resource.spi.UnavailableException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls due to the bean for one connection: {@code onConnect}, then each received frame in order, then
 * {@code onDisconnect} (and closing the connection first if the client shut its output down). The event loop adds
 * to it; a delivery work (see {@link DeliveryScheduler}) makes the calls, one at a time, writing each reply before
 * the next frame is delivered. {@code onDisconnect} is made only if {@code onConnect} was.
 *
 * <p>Backpressure: when {@code maxPendingFrames} frames are waiting, reading from the connection is paused
 * ({@code autoRead} off, so TCP flow control slows the client down); it resumes as soon as one was delivered. While
 * the client leaves its replies unread (the channel is over its high-water mark) no frame is delivered: the work
 * goes on to other connections, and the queue is woken when the client makes room.
 *
 * <p>A call the server refuses an endpoint for while the listener runs is kept, not dropped: the bean's instance
 * pool is full (Payara refuses at once instead of waiting), and the call is made again when the scheduler
 * runs this queue next.
 */
public final class ConnectionQueue {

    private static final Logger LOG = Logger.getLogger(ConnectionQueue.class.getName());

    private final ChannelSession session;
    private final Listener listener;
    private final ReadGate gate;
    private final ByteBudget.Account bytes;
    // small at first: most connections have one frame waiting at a time, and idle ones none
    private final Queue<byte[]> frames = new ArrayDeque<>(1);
    // guarded by this
    private boolean connectDue;
    private boolean closeDue;
    private boolean disconnectDue;
    private boolean scheduled;
    private boolean paused;
    // whether onConnect reached the bean, so onDisconnect must follow
    private volatile boolean connected;
    // only the work running this queue touches this: the call the server refused an endpoint for
    private Call refused;

    /** What a queue needs of the listener that serves its connection. */
    public interface Listener {

        /** @return how many received frames one connection may have waiting for the bean */
        int maxPendingFrames();

        /** @return the charset of text payloads */
        Charset charset();

        /** @return what a failure of the bean does to its connection */
        OnError onError();

        /** @return whether the listener is stopping */
        boolean isStopping();

        /** A connection's calls began. */
        void connectionStarted();

        /** A connection's calls ended: the listener may stop once all have. */
        void connectionEnded();

        DeliveryScheduler scheduler();

        EndpointDelivery delivery();

        /** @return whether and when the bean may be called on the I/O thread; {@code null} for never */
        InlineGuard inline();

        /** @return with {@code delivery=INLINE}, the endpoints the event loops call through */
        LoopEndpoints loopEndpoints();

        ListenerCounters counters();

        /** @return the summary of the bean's failures */
        SummarizedLog beanFailures();
    }

    /** How a batch of calls ended. */
    enum Batch {
        /** no call is due any more, or none can be made until the client makes room */
        DRAINED,
        /** calls are still due: the queue must run again */
        MORE_DUE,
        /** the server had no endpoint for the next call, which stays due */
        REFUSED
    }

    /** A call on the bean, and what to do if it is given up because the server has no endpoint for it. */
    private record Call(EndpointCall call, Consumer<UnavailableException> abandon) {
    }

    @FunctionalInterface
    private interface EndpointCall {
        void run(EndpointDelivery.Lease endpoint) throws UnavailableException;
    }

    public ConnectionQueue(ChannelSession session, Listener listener, ReadGate gate, ByteBudget.Account bytes) {
        this.session = session;
        this.listener = listener;
        this.gate = gate;
        this.bytes = bytes;
    }

    /** On the event loop: the connection is open; {@code onConnect} is due. */
    public void opened() {
        listener.connectionStarted();
        synchronized (this) {
            connectDue = true;
        }
        wakeUp();
    }

    /** On the event loop: a frame arrived. */
    public void received(byte[] frame) {
        if (session.isClosing()) {
            LOG.fine(() -> "Dropping a frame of " + frame.length + " bytes from the closed " + session);
            return;
        }
        session.received(frame);
        bytes.queued(frame.length);
        synchronized (this) {
            frames.add(frame);
            if (frames.size() >= listener.maxPendingFrames() && !paused) {
                paused = true;
                gate.pause(ReadGate.Reason.FRAMES);
            }
        }
        wakeUp();
    }

    /** On the event loop: the client shut its output down; the connection is closed after the frames queued. */
    public void inputEnded() {
        synchronized (this) {
            closeDue = true;
        }
        wakeUp();
    }

    /** On the event loop: the connection closed; {@code onDisconnect} is due after the frames still queued. */
    public void closed() {
        synchronized (this) {
            disconnectDue = true;
        }
        wakeUp();
    }

    /** On the event loop: the client made room, or stopped reading; frames are delivered again once it has. */
    public void roomChanged() {
        wakeUp();
    }

    /** @return the frames received and not yet delivered */
    public synchronized int pendingFrames() {
        return frames.size();
    }

    /** @return whether reading from the connection is paused by backpressure */
    public boolean isReadPaused() {
        return gate.isPaused();
    }

    /** @return whether no call is due or running: the bean is not keeping the connection busy */
    public synchronized boolean isIdle() {
        return !scheduled;
    }

    private void wakeUp() {
        synchronized (this) {
            if (scheduled || !callsDue()) {
                return;
            }
            scheduled = true;
        }
        InlineGuard inline = listener.inline();
        if (inline != null && session.inEventLoop() && inline.allows()) {
            try {
                // as a task of the loop, behind the replies a work queued for this connection before it ran dry:
                // written at once, the next replies would overtake them
                session.onEventLoop(() -> runInline(inline));
                return;
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "Not calling the bean on the stopped event loop of " + session, e);
            }
        }
        listener.scheduler().schedule(this);
    }

    /**
     * On the event loop, with {@code delivery=INLINE}: makes the calls due here, without a hand-off to a work and
     * back; what a batch leaves (a refused endpoint, more calls than a batch makes) goes to a work.
     */
    private void runInline(InlineGuard inline) {
        Batch batch;
        long start = inline.started(this);
        try {
            batch = runBatch(listener.loopEndpoints().ofThisLoop());
        } catch (RuntimeException | Error e) {
            inline.ended(this, start);
            broken(e);
            return;
        }
        inline.ended(this, start);
        if (batch != Batch.DRAINED) {
            listener.scheduler().schedule(this);
        }
    }

    private boolean callsDue() {
        return refused != null || connectDue || (!frames.isEmpty() && session.hasRoom()) || closeDue
                || disconnectDue;
    }

    /**
     * On a delivery work: makes up to {@code maxPendingFrames} calls.
     *
     * @return how the batch ended
     */
    Batch runBatch() {
        try (EndpointDelivery.Lease endpoint = listener.delivery().lease()) {
            return runBatch(endpoint);
        }
    }

    /** Makes up to {@code maxPendingFrames} calls through {@code endpoint}. */
    private Batch runBatch(EndpointDelivery.Lease endpoint) {
        for (int i = 0; i < listener.maxPendingFrames(); i++) {
            Call next = nextCall();
            if (next == null) {
                return Batch.DRAINED;
            }
            try {
                next.call().run(endpoint);
            } catch (UnavailableException e) {
                if (!listener.isStopping()) {
                    refused = next;
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
        if (!frames.isEmpty() && session.hasRoom()) {
            return frameCall(frames.poll());
        }
        if (closeDue && frames.isEmpty()) {
            closeDue = false;
            return new Call(endpoint -> session.close(), e -> { });
        }
        if (disconnectDue && frames.isEmpty()) {
            disconnectDue = false;
            return new Call(this::disconnect, e -> {
                LOG.log(quietWhileStopping(), "No message endpoint for onDisconnect of " + session, e);
                listener.connectionEnded();
            });
        }
        scheduled = false;
        return null;
    }

    private Call frameCall(byte[] frame) {
        bytes.queued(-frame.length);
        if (paused) {
            paused = false;
            gate.resumeLater(ReadGate.Reason.FRAMES);
        }
        return new Call(endpoint -> deliver(endpoint, frame),
                e -> unavailable("onMessage with a frame of " + frame.length + " bytes", e));
    }

    /**
     * The work manager gave no thread while the listener stops: nothing can be delivered any more, so the
     * connection is closed and its calls dropped.
     */
    void rejected(RejectedExecutionException e) {
        LOG.log(quietWhileStopping(), "No thread to deliver to the bean; closing " + session, e);
        session.closeNow();
        boolean disconnect;
        synchronized (this) {
            dropCalls();
            disconnect = disconnectDue;
            disconnectDue = false;
        }
        refused = null;
        if (disconnect) {
            listener.connectionEnded();
        }
    }

    /**
     * On a delivery work: a call failed with an {@link Error} (or an exception nothing expected), whatever this queue
     * was doing. The connection is closed and its frames dropped; {@code onDisconnect} still follows, on another
     * batch.
     */
    void broken(Throwable e) {
        LOG.log(Level.SEVERE, "Delivering to the bean failed with " + e + " for " + session + "; closing it", e);
        session.closeNow();
        synchronized (this) {
            dropCalls();
        }
        refused = null;
        wakeUp();
    }

    // guarded by this: the connection is closed; no call but onDisconnect is made any more
    private void dropCalls() {
        frames.forEach(frame -> bytes.queued(-frame.length));
        frames.clear();
        connectDue = false;
        closeDue = false;
        scheduled = false;
    }

    private void connect(EndpointDelivery.Lease endpoint) throws UnavailableException {
        try {
            endpoint.onConnect(session);
            connected = true;
        } catch (RuntimeException e) {
            connected = true; // the bean saw the connection, even if it failed with it
            failed("onConnect", e);
        }
    }

    private void deliver(EndpointDelivery.Lease endpoint, byte[] frame) throws UnavailableException {
        if (session.isClosing()) {
            return; // closed since it was queued (onError=CLOSE, a bean, the idle timeout, stopping)
        }
        TcpMessage message = session.message(frame);
        byte[] reply;
        long start = System.nanoTime();
        try {
            reply = endpoint.onMessage(message);
        } catch (RuntimeException e) {
            failed("onMessage with a frame of " + frame.length + " bytes", e);
            return;
        } finally {
            listener.counters().deliveries.recordSince(start);
        }
        if (reply == null) {
            return;
        }
        try {
            session.write(reply);
        } catch (FramingException e) {
            unframeableReply(frame.length, reply.length, e);
        }
    }

    private void disconnect(EndpointDelivery.Lease endpoint) throws UnavailableException {
        if (connected) {
            try {
                endpoint.onDisconnect(session);
            } catch (RuntimeException e) {
                LOG.log(quietWhileStopping(), "The bean failed in onDisconnect of " + session, e);
            }
        }
        listener.connectionEnded();
    }

    /** @return the connection's session, for the log */
    @Override
    public String toString() {
        return session.toString();
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
        boolean close = listener.onError() == OnError.CLOSE;
        listener.beanFailures().event(() -> "the bean failed in " + what + " from " + session + "; "
                + (close ? "closing the connection" : "going on with the next frame"), e);
        if (close) {
            session.close();
        }
    }

    // the client's frame was fine, and so was the bean's call: only its reply breaks the framing rules
    private void unframeableReply(int frameLength, int replyLength, FramingException e) {
        boolean close = listener.onError() == OnError.CLOSE;
        listener.beanFailures().event(() -> "not sending the bean's reply of " + replyLength + " bytes to a frame of "
                + frameLength + " bytes from " + session + ": " + e.getMessage() + "; "
                + (close ? "closing the connection" : "going on with the next frame"));
        if (close) {
            session.close();
        }
    }
}
