package io.github.tcpadapter.outbound.multiplex;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.conversation.InFlight;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.resource.ResourceException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * One socket of a multiplexed factory and the requests in flight on it. Everything but {@link #inFlight} and the
 * state shown to operators belongs to the factory's event loop: no lock.
 *
 * <p>A request is written at once if the socket takes bytes; otherwise (connecting, or the peer does not read and
 * Netty's outbound buffer is above its high-water mark) it waits unwritten, counted in flight, until the socket
 * takes bytes again or its timeout fails it: what a peer that never reads makes the adapter hold is bounded by
 * {@code maxInFlight} requests and the high-water mark.
 *
 * <p>By key, a timed-out request's key is remembered (at most {@code maxInFlight} keys) so that its late reply is
 * counted as late, and the socket stays in use. In order, a timed-out request leaves its reply to come, and that
 * reply would answer the next request: the link is recycled, failing the requests behind it.
 *
 * <p>A lost connection (peer close, reset, invalid frame, failed write) fails every request of the link at once,
 * with the cause; the link reconnects at once, then after each failure waits twice as long (from 100 ms up to the
 * factory's {@code retryIntervalMillis}) until a reply proves it works again. While it waits, new requests fail at
 * once with the last failure. One log line per change of state, not per attempt.
 */
final class Link {

    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 100;
    // Netty's outbound buffer: above the high mark the link writes no more until the peer took it down to the low
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /** What an operator sees of a link. */
    enum State { NOT_OPENED, CONNECTING, CONNECTED, BACKING_OFF, CLOSED }

    private final int number;
    private final Multiplexer owner;
    private final EventLoop loop;
    private final boolean byKey;
    /** Requests accepted and not settled: reserved by callers, released by the event loop. */
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile State state = State.NOT_OPENED;
    private volatile String peer;
    private volatile Instant backingOffUntil;
    private volatile String lastFailure;
    // event loop only
    private Channel channel;
    private ResourceException backingOffCause;
    private int failures;
    // whether the link was lost or could not connect since it last worked, and whether a failed connect was logged
    private boolean down;
    private boolean connectFailureLogged;
    private final ArrayDeque<Pending> unwritten = new ArrayDeque<>();
    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    private final Map<String, Pending> byKeys = new HashMap<>();
    private final Map<String, Boolean> timedOutKeys;
    private boolean awaitingHeartbeat;

    Link(int number, Multiplexer owner, EventLoop loop) {
        this.number = number;
        this.owner = owner;
        this.loop = loop;
        this.byKey = owner.settings().keys().isPresent();
        int remembered = owner.settings().maxInFlight();
        this.timedOutKeys = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** @return the link's state: connected links are preferred, then those connecting, then the others */
    State state() {
        return state;
    }

    /** Reserves a place for one more request, if fewer than {@code maxInFlight} are in flight. */
    boolean tryReserve(int maxInFlight) {
        return InFlight.tryReserve(inFlight, maxInFlight);
    }

    /** Hands a request, its place reserved, to the event loop. Any thread. */
    void submit(Pending pending) {
        try {
            loop.execute(() -> start(pending));
        } catch (RejectedExecutionException e) {
            settle(pending, null, owner.closed());
        }
    }

    /** Stops the link: every request fails, the socket closes. Any thread; done once the event loop runs it. */
    void close() {
        try {
            loop.execute(() -> {
                state = State.CLOSED;
                Channel open = channel;
                channel = null;
                failAll(owner.closed());
                if (open != null) {
                    open.close();
                }
            });
        } catch (RejectedExecutionException e) {
            state = State.CLOSED; // the loop ended already, and its sockets with it
        }
    }

    /** @return one line for operators: state, peer, requests in flight */
    String describe() {
        String head = "link " + number + " ";
        return switch (state) {
            case NOT_OPENED -> head + "not opened yet";
            case CONNECTING -> head + "connecting (" + inFlight.get() + " waiting)";
            case CONNECTED -> head + "connected to " + peer + " (" + inFlight.get() + " in flight)";
            case BACKING_OFF -> head + "backing off until " + backingOffUntil.truncatedTo(ChronoUnit.MILLIS) + " ("
                    + lastFailure + ")";
            case CLOSED -> head + "closed";
        };
    }

    private void start(Pending pending) {
        if (state == State.CLOSED) {
            settle(pending, null, owner.closed());
            return;
        }
        if (state == State.BACKING_OFF) {
            settle(pending, null, backingOffCause);
            return;
        }
        pending.timeout = loop.schedule(() -> timedOut(pending), pending.timeoutMillis, TimeUnit.MILLISECONDS);
        if (channel != null && channel.isWritable() && unwritten.isEmpty()) {
            write(pending);
        } else {
            unwritten.add(pending);
            if (state == State.NOT_OPENED) {
                connect();
            }
        }
    }

    private void write(Pending pending) {
        pending.written = true;
        if (byKey) {
            byKeys.put(pending.key, pending);
        } else {
            inOrder.add(pending);
        }
        Channel writtenOn = channel;
        writtenOn.writeAndFlush(Unpooled.wrappedBuffer(pending.wire)).addListener(done -> {
            // a write on a closed socket fails too: then channelInactive says why it closed
            if (!done.isSuccess() && writtenOn.isActive()) {
                lost(writtenOn, "write failed: " + reason(done.cause()), done.cause());
            }
        });
    }

    private void writeWaiting() {
        while (channel != null && channel.isWritable() && !unwritten.isEmpty()) {
            write(unwritten.poll());
        }
    }

    private void frame(Channel from, byte[] frame) {
        if (from != channel) {
            return;
        }
        failures = 0; // the link works: the next loss reconnects at once
        Pending answered;
        if (byKey) {
            Optional<String> key = replyKey(frame);
            answered = key.map(byKeys::remove).orElse(null);
            if (answered == null) {
                if (key.isPresent() && timedOutKeys.remove(key.get()) != null) {
                    owner.late(peer, key.get());
                } else {
                    owner.unmatched(peer, key.map(k -> "key " + k + " in no request in flight")
                            .orElse("no key in a frame of " + frame.length + " bytes"));
                }
                return;
            }
        } else {
            answered = inOrder.poll();
            if (answered == null) {
                owner.unmatched(peer, "a frame of " + frame.length + " bytes with no request in flight");
                return;
            }
        }
        settle(answered, frame, null);
    }

    private Optional<String> replyKey(byte[] frame) {
        try {
            return owner.settings().keys().orElseThrow().replyKey(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The correlation failed on a reply; counted as unmatched", e);
            return Optional.empty();
        }
    }

    private void timedOut(Pending pending) {
        if (pending.settled) {
            return;
        }
        if (pending.heartbeat) {
            if (!byKeys.remove(pending.key, pending)) {
                inOrder.remove(pending);
            }
            settle(pending, null, null);
            owner.heartbeats().missed();
            lost(channel, "no answer to the heartbeat within " + pending.timeoutMillis
                    + " ms (heartbeatReplyTimeoutMillis)", null);
            return;
        }
        String within = " within " + pending.timeoutMillis + " ms";
        if (!pending.written) {
            unwritten.remove(pending);
            settle(pending, null, new TcpTimeoutException(channel == null
                    ? "No connection to " + owner.settings().name() + within
                    : "Request not written to " + peer + within + ": the peer does not read", null));
            return;
        }
        TcpTimeoutException timeout = new TcpTimeoutException("No reply from " + peer + within
                + (byKey ? " (key " + pending.key + ")" : ""), null);
        if (byKey) {
            byKeys.remove(pending.key);
            timedOutKeys.put(pending.key, Boolean.TRUE);
            settle(pending, null, timeout);
        } else {
            inOrder.remove(pending);
            settle(pending, null, timeout);
            lost(channel, "a request timed out, and in order its late reply would answer the next one", null);
        }
    }

    /** The link was quiet for heartbeatIntervalMillis: sends the heartbeat, awaiting its answer if configured. */
    private void heartbeat(Channel on) {
        if (on != channel || !on.isWritable()) {
            return; // a peer that does not read makes the requests' timeouts fail them, not heartbeats
        }
        Heartbeat heartbeat = owner.settings().heartbeat();
        if (heartbeat.replyTimeoutMillis() == 0) {
            owner.heartbeats().sent(); // before the write, as below
            on.writeAndFlush(Unpooled.wrappedBuffer(heartbeat.wire()));
            return;
        }
        if (awaitingHeartbeat) {
            return; // one at a time: its timeout decides
        }
        Pending beat = owner.heartbeatRequest();
        if (beat == null) {
            return;
        }
        awaitingHeartbeat = true;
        inFlight.incrementAndGet();
        beat.timeout = loop.schedule(() -> timedOut(beat), beat.timeoutMillis, TimeUnit.MILLISECONDS);
        owner.heartbeats().sent(); // before the write: a peer that has read the heartbeat sees it counted
        write(beat); // by key or in order, its answer is matched like a reply: it answers no caller
    }

    private void settle(Pending pending, byte[] reply, ResourceException failure) {
        if (pending.heartbeat) {
            awaitingHeartbeat = false;
        }
        pending.settled = true;
        if (pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        inFlight.decrementAndGet();
        owner.settled(pending, reply, failure);
    }

    private int failAll(ResourceException cause) {
        List<Pending> failed = new ArrayList<>(unwritten);
        failed.addAll(inOrder);
        failed.addAll(byKeys.values());
        unwritten.clear();
        inOrder.clear();
        byKeys.clear();
        timedOutKeys.clear(); // their replies died with the socket
        failed.forEach(pending -> settle(pending, null, cause));
        return failed.size();
    }

    private void connect() {
        state = State.CONNECTING;
        try {
            owner.connectWorks().execute(this::dial);
        } catch (RejectedExecutionException e) {
            connectFailed(new ResourceException("Cannot connect link " + number + " to " + owner.settings().name()
                    + ": " + e.getMessage(), e));
        }
    }

    // on a work: blocks for the connect timeout at most per host
    private void dial() {
        Dialer.Dialed dialed;
        try {
            dialed = owner.dialer().dial();
        } catch (ResourceException e) {
            onLoop(() -> connectFailed(e), null);
            return;
        } catch (RuntimeException e) {
            onLoop(() -> connectFailed(new ResourceException(e.getMessage(), e)), null);
            return;
        }
        onLoop(() -> connected(dialed), dialed);
    }

    private void onLoop(Runnable task, Dialer.Dialed toClose) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            if (toClose != null) {
                Multiplexer.closeQuietly(toClose.channel());
            }
        }
    }

    private void connectFailed(ResourceException e) {
        if (state == State.CLOSED) {
            return;
        }
        failures++;
        List<Pending> failed = new ArrayList<>(unwritten);
        unwritten.clear();
        failed.forEach(pending -> settle(pending, null, e));
        down = true;
        if (!connectFailureLogged) {
            connectFailureLogged = true;
            LOG.warning(() -> name() + e.getMessage() + "; " + failed.size() + " requests failed; retrying with "
                    + "backoff up to " + owner.settings().maxBackoffMillis() + " ms");
        }
        backOff(e.getMessage(), e);
    }

    private void connected(Dialer.Dialed dialed) {
        if (state == State.CLOSED) {
            Multiplexer.closeQuietly(dialed.channel());
            return;
        }
        NioSocketChannel opened = new NioSocketChannel(dialed.channel());
        opened.config().setWriteBufferWaterMark(WATER_MARK);
        SslHandler tls = null;
        if (dialed.tls() != null) {
            tls = new SslHandler(dialed.tls().engine());
            tls.setHandshakeTimeoutMillis(dialed.tls().handshakeTimeoutMillis());
            opened.pipeline().addLast(tls);
        }
        Heartbeat heartbeat = owner.settings().heartbeat();
        if (heartbeat != null) {
            opened.pipeline().addLast(new IdleStateHandler(0, 0, heartbeat.intervalMillis(), TimeUnit.MILLISECONDS));
        }
        opened.pipeline().addLast(new FrameHandler(owner.settings().framing().newDecoder()));
        SslHandler handshake = tls;
        loop.register(opened).addListener(registered -> {
            if (!registered.isSuccess()) {
                opened.close();
                connectFailed(new ResourceException("Cannot use the connection to " + dialed.peer() + ": "
                        + reason(registered.cause()), registered.cause()));
            } else if (handshake == null) {
                ready(opened, dialed.peer());
            } else {
                handshake.handshakeFuture().addListener(done -> {
                    if (done.isSuccess()) {
                        ready(opened, dialed.peer());
                    } else {
                        opened.close();
                        String why = "TLS handshake failed: " + handshakeFailure(dialed.tls(), done.cause());
                        dialed.tls().failed().accept(why);
                        connectFailed(new ResourceException("Cannot connect to " + dialed.peer() + " (" + why + ")",
                                done.cause()));
                    }
                });
            }
        });
    }

    private static String handshakeFailure(Dialer.Tls tls, Throwable cause) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return "no handshake within " + tls.handshakeTimeoutMillis() + " ms (sslHandshakeTimeoutMillis)";
        }
        return cause instanceof SSLException ssl ? tls.explain().apply(ssl) : reason(cause);
    }

    // the socket is connected, and secured if the factory has TLS on: requests may go
    private void ready(Channel opened, String reached) {
        if (state == State.CLOSED) {
            opened.close();
            return;
        }
        if (!opened.isActive()) {
            connectFailed(new ResourceException("Cannot connect to " + reached + ": it closed the connection at once"));
            return;
        }
        boolean recovered = down;
        down = false;
        connectFailureLogged = false;
        channel = opened;
        peer = reached;
        state = State.CONNECTED;
        LOG.log(recovered ? Level.INFO : Level.FINE, () -> name() + "connected to " + reached);
        writeWaiting();
    }

    /** The socket is gone or must go: every request of the link fails now, and the link reconnects. */
    private void lost(Channel which, String reason, Throwable cause) {
        if (which == null || which != channel) {
            return; // an older socket, or handled already
        }
        channel = null;
        which.close();
        ResourceException failure = new ResourceException("Connection to " + peer + " lost: " + reason, cause);
        int failed = failAll(failure);
        failures++;
        down = true;
        connectFailureLogged = false; // a connect that fails now is news
        String lostPeer = peer;
        LOG.warning(() -> name() + "connection to " + lostPeer + " lost (" + reason + "); " + failed
                + " requests failed; reconnecting");
        backOff(failure.getMessage(), failure);
    }

    private void backOff(String why, ResourceException cause) {
        long delay = failures <= 1 ? 0
                : Math.min(FIRST_BACKOFF_MILLIS << Math.min(failures - 2, 20),
                        Math.max(FIRST_BACKOFF_MILLIS, owner.settings().maxBackoffMillis()));
        lastFailure = why;
        if (delay == 0) {
            connect();
            return;
        }
        backingOffCause = new ResourceException("No connection to " + owner.settings().name() + " until "
                + Instant.now().plusMillis(delay).truncatedTo(ChronoUnit.MILLIS) + ": " + why, cause);
        backingOffUntil = Instant.now().plusMillis(delay);
        state = State.BACKING_OFF;
        loop.schedule(() -> {
            if (state == State.BACKING_OFF) {
                connect();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private String name() {
        return owner.settings().name() + " link " + number + ": ";
    }

    private static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Decodes the socket's frames with the factory's framing, and reports what happens to the socket. */
    private final class FrameHandler extends ChannelInboundHandlerAdapter {

        private final FrameDecoder decoder;

        FrameHandler(FrameDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                var buffer = bytes.nioBuffer();
                byte[] frame;
                while (ctx.channel() == channel && (frame = decoder.decode(buffer)) != null) {
                    frame(ctx.channel(), frame);
                }
            } catch (FramingException e) {
                lost(ctx.channel(), "invalid frame: " + e.getMessage(), e);
            } finally {
                bytes.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            String reason = "the peer closed the connection";
            try {
                byte[] last = decoder.endOfStream();
                if (last != null) {
                    frame(ctx.channel(), last);
                }
            } catch (FramingException e) {
                reason = "the peer closed the connection: " + e.getMessage();
            }
            lost(ctx.channel(), reason, null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lost(ctx.channel(), reason(cause), cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                heartbeat(ctx.channel());
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                writeWaiting();
            }
        }
    }
}
