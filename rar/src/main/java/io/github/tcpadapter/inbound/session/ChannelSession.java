package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionTraffic;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.inbound.capture.FrameTaps;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link TcpSession} over a Netty channel. Writes may come from any thread; Netty keeps them in order. No write
 * waits for the client without a bound: a reply is queued whatever the client's state (its connection is then read
 * and delivered no more until the client makes room, see
 * {@link io.github.tcpadapter.inbound.delivery.ConnectionQueue}), a push waits for room at most its timeout, and
 * {@link io.github.tcpadapter.inbound.ConnectionHandler} closes a client that leaves its writes waiting for
 * {@code writeTimeoutMillis}.
 */
public final class ChannelSession implements TcpSession {

    private static final Logger LOG = Logger.getLogger(ChannelSession.class.getName());

    private final String id;
    private final int port;
    private final Supplier<Optional<String>> member;
    private final Channel channel;
    // kept, since a closed channel may no longer know them
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final List<X509Certificate> peerCertificates;
    private final Framing framing;
    private final Charset charset;
    private final long writeTimeoutMillis;
    private final ListenerCounters counters;
    private final FrameTaps taps;
    private final SessionTraffic traffic = new SessionTraffic();
    private final Instant openedAt = Instant.now();
    // what senders waiting for room wait on; notified when the channel becomes writable or closes
    private final Object room = new Object();
    // set when the adapter or a bean closes the session; frames still queued are then dropped
    private volatile boolean closing;
    // the requestAsync calls waiting for replies; null when the listener has no correlation
    private volatile SessionRequests requests;

    /**
     * @param remoteAddress the client's address: the socket's peer, or the client a load balancer's PROXY header
     *     names
     * @param peerCertificates the client's verified certificate chain; empty for none
     */
    public ChannelSession(String id, Channel channel, InetSocketAddress remoteAddress,
            List<X509Certificate> peerCertificates, Framing framing, Charset charset, long writeTimeoutMillis,
            ListenerCounters counters, FrameTaps taps, int port, Supplier<Optional<String>> member) {
        this.id = id;
        this.port = port;
        this.member = member;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.peerCertificates = List.copyOf(peerCertificates);
        this.localAddress = (InetSocketAddress) channel.localAddress();
        this.framing = framing;
        this.charset = charset;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.counters = counters;
        this.taps = taps;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Charset charset() {
        return charset;
    }

    @Override
    public Optional<String> member() {
        return member.get();
    }

    /** @return how long {@link #send(byte[])} waits at most for the client to make room */
    public long writeTimeoutMillis() {
        return writeTimeoutMillis;
    }

    @Override
    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    @Override
    public TcpSessionTraffic traffic() {
        return traffic.snapshot(openedAt);
    }

    /** On the event loop: a frame arrived, to be delivered. */
    public void received(byte[] payload) {
        counters.received(payload.length);
        traffic.received(payload.length);
        if (taps.watched()) {
            taps.offer(id, TcpCapturedFrame.Direction.IN, payload);
        }
    }

    // counted before the peer can see it, so that a reader of the counters never lags the peer
    private void sending(byte[] payload, boolean reply) {
        if (reply) {
            counters.replied(payload.length);
        } else {
            counters.pushed(payload.length);
        }
        traffic.sent(payload.length);
        if (taps.watched()) {
            taps.offer(id, TcpCapturedFrame.Direction.OUT, payload);
        }
    }

    @Override
    public void send(byte[] payload) throws ResourceException {
        send(payload, writeTimeoutMillis);
    }

    @Override
    public void send(byte[] payload, Duration timeout) throws ResourceException {
        send(payload, Math.max(0, timeout.toMillis()));
    }

    @Override
    public void send(String text) throws ResourceException {
        send(text.getBytes(charset));
    }

    private void send(byte[] payload, long timeoutMillis) throws ResourceException {
        byte[] wire = encode(payload);
        if (!awaitRoom(timeoutMillis)) {
            throw new TcpTimeoutException("Cannot send to " + this + ": the client has read nothing for "
                    + timeoutMillis + " ms; the frame was not sent", null);
        }
        if (!isOpen()) {
            throw closed();
        }
        sending(payload, false);
        writeNow(wire);
    }

    @Override
    public CompletionStage<Void> sendAsync(byte[] payload) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            byte[] wire = encode(payload);
            if (!channel.isWritable() && isOpen()) {
                throw new ResourceException("Cannot send to " + this + ": the client is not keeping up ("
                        + channel.bytesBeforeWritable() + " bytes over the outbound high-water mark)");
            }
            sending(payload, false);
            writeNow(wire).addListener(written -> {
                if (written.isSuccess()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(new ResourceException("Sending to " + this + " failed: "
                            + written.cause(), written.cause()));
                }
            });
        } catch (ResourceException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    @Override
    public CompletionStage<Void> sendAsync(String text) {
        return sendAsync(text.getBytes(charset));
    }

    private byte[] encode(byte[] payload) throws ResourceException {
        if (!isOpen()) {
            throw closed();
        }
        try {
            return framing.encode(payload);
        } catch (FramingException e) {
            throw new ResourceException("Cannot send to " + this + ": " + e.getMessage(), e);
        }
    }

    private ResourceException closed() {
        return new ResourceException("Cannot send to " + this + ": the session is closed");
    }

    /**
     * Waits until the channel takes more writes (its outbound buffer is under the high-water mark) or closes.
     *
     * @return whether it does, in time
     */
    private boolean awaitRoom(long timeoutMillis) throws ResourceException {
        if (channel.isWritable() || !channel.isActive() || channel.eventLoop().inEventLoop()) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (room) {
            while (!channel.isWritable() && channel.isActive()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(room, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ResourceException("Interrupted while waiting to send to " + this, e);
                }
            }
        }
        return true;
    }

    /** On the event loop: the channel's writability changed, or it closed; wakes waiting senders. */
    public void roomChanged() {
        synchronized (room) {
            room.notifyAll();
        }
    }

    /** @return whether a reply may be delivered: the client takes what it is sent, or the connection is closed */
    public boolean hasRoom() {
        return channel.isWritable() || !channel.isActive();
    }

    /**
     * Frames and writes a reply without waiting, whatever the client's state; the caller delivers no more to this
     * connection until {@link #hasRoom()}.
     *
     * @throws FramingException if the payload cannot be framed
     */
    public void write(byte[] payload) throws FramingException {
        byte[] wire = framing.encode(payload);
        sending(payload, true);
        writeNow(wire);
    }

    private ChannelFuture writeNow(byte[] wire) {
        if (channel.eventLoop().isShuttingDown()) {
            // a bean that outlived the listener's shutdown timeout: its connection is closed already, and Netty
            // would log a rejected notification at SEVERE
            LOG.fine(() -> "Not writing to " + this + ": the listener has stopped");
            return channel.newFailedFuture(new IllegalStateException("the listener has stopped"));
        }
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(wire));
        written.addListener(future -> {
            if (!future.isSuccess()) {
                LOG.log(Level.FINE, "Writing to " + this + " failed", future.cause());
            }
        });
        return written;
    }

    /**
     * Closes the connection after the frames written so far, within {@code writeTimeoutMillis}; at once if the
     * client is not reading. Frames received and not yet delivered are dropped, and so is what the client still
     * sends until it closes too ({@link LingeringClose}).
     */
    @Override
    public void close() {
        closing = true;
        if (!channel.isWritable() || channel.eventLoop().isShuttingDown()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (written.isSuccess()) {
                LingeringClose.start(channel);
            } else {
                channel.close();
            }
        });
        try {
            ScheduledFuture<?> forced = channel.eventLoop().schedule(() -> {
                channel.close();
            }, writeTimeoutMillis, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> forced.cancel(false));
        } catch (RejectedExecutionException e) {
            channel.close();
        }
    }

    /** Closes the connection at once, unwritten frames included. */
    public ChannelFuture closeNow() {
        closing = true;
        return channel.close();
    }

    /** @return whether the adapter or a bean closed the session (as opposed to the client, or still open) */
    public boolean isClosing() {
        return closing;
    }

    public Channel channel() {
        return channel;
    }

    /** Makes {@code requestAsync} pair replies with requests, before the session receives its first frame. */
    public void pairReplies(SessionRequests requests) {
        this.requests = requests;
    }

    /** @return the requests waiting for replies; {@code null} when the listener has no correlation */
    public SessionRequests requests() {
        return requests;
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(byte[] payload, Duration timeout) {
        SessionRequests pairing = requests;
        if (pairing == null) {
            return CompletableFuture.failedStage(new ResourceException("requestAsync to " + this + " needs the "
                    + "listener's activation property correlation (IN_ORDER or a key kind); it is NONE"));
        }
        return pairing.request(payload, Math.max(1, timeout.toMillis()));
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(String text, Duration timeout) {
        return requestAsync(text.getBytes(charset), timeout);
    }

    /** @return a frame received on this session, as the bean or a request's stage sees it */
    public TcpMessage message(byte[] frame) {
        return new TcpMessage(frame, id, remoteAddress, charset, peerCertificates);
    }

    /**
     * Runs a task on the connection's event loop after the tasks queued there, writes of other threads included.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the event loop has stopped
     */
    public void onEventLoop(Runnable task) {
        channel.eventLoop().execute(task);
    }

    /** @return whether the calling thread is the connection's event loop */
    public boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public String toString() {
        return "session " + id + " with " + remoteAddress;
    }
}
