package io.github.tcpadapter.inbound;

import io.github.tcpadapter.config.HostList;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Keeps the one connection of a client-mode listener up: connects to the first peer of {@code connectTo} that
 * answers, hands the connection to the listener, which opens it (over TLS, once the handshake succeeds) and serves it
 * like an accepted one, and after a failed round or a lost link tries again after a wait that starts at
 * {@value #FIRST_BACKOFF_MILLIS} ms and doubles, never longer than {@code reconnectMaxMillis}. A connection that closes before it
 * is open (a refused handshake, a peer that hangs up at once) is a failed attempt, not a link: the next peer is
 * tried. Logs one line per change of state (connected, lost, backing off), never one per attempt. Everything but
 * {@link #stop()} and the getters runs on the listener's event loop.
 */
final class ClientLink {

    /** The first wait after a failed round or a lost link. */
    static final long FIRST_BACKOFF_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(ClientLink.class.getName());

    /** Where the link stands, for JMX. */
    enum State { CONNECTING, CONNECTED, BACKING_OFF, STOPPED }

    private final ClientMode mode;
    private final String name;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final BiFunction<Channel, InetSocketAddress, Future<?>> serve;
    private final LongAdder connects = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile State state = State.CONNECTING;
    private volatile String peer;
    private volatile long backingOffUntil;
    private volatile String lastFailure = "";
    private volatile boolean stopped;
    // on the event loop only
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private boolean outageLogged;
    private int failedAttempts;
    private long connectedAtNanos;
    private ScheduledFuture<?> retry;
    private Channel channel;

    /**
     * @param mode the peers and bounds
     * @param name the listener's name, for the logs
     * @param loop the listener's event loop
     * @param bootstrap the connections' options, on that loop; each attempt adds its own handler to a clone
     * @param serve on the event loop, starts opening a connected channel to the given peer as a session of the
     *     listener; its future completes when the session is open, and fails with why it could not be
     */
    ClientLink(ClientMode mode, String name, EventLoop loop, Bootstrap bootstrap,
            BiFunction<Channel, InetSocketAddress, Future<?>> serve) {
        this.mode = mode;
        this.name = name;
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.serve = serve;
    }

    /** On the event loop: makes the first attempt. */
    void start() {
        attempt(0);
    }

    private void attempt(int index) {
        if (stopped) {
            return;
        }
        InetSocketAddress target = mode.peers().get(index);
        state = State.CONNECTING;
        peer = HostList.toString(target);
        // looked up at each attempt, so a device that moves is found again (as Netty's resolver would, blocking too)
        InetSocketAddress resolved = new InetSocketAddress(target.getHostString(), target.getPort());
        if (resolved.isUnresolved()) {
            failed(index, target, "unknown host");
            return;
        }
        ChannelFuture connecting = bootstrap.clone().handler(new LinkWatch(index, target)).connect(resolved);
        channel = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                failed(index, target, describe(done.cause()));
            }
        });
    }

    private void failed(int index, InetSocketAddress target, String cause) {
        failures.increment();
        failedAttempts++;
        lastFailure = HostList.toString(target) + ": " + cause;
        LOG.fine(() -> name + ": cannot connect to " + lastFailure);
        if (stopped) {
            return;
        }
        if (index + 1 < mode.peers().size()) {
            attempt(index + 1); // failover: the next peer at once
        } else {
            backOff(mode.peers().size() == 1 ? "cannot connect to " + lastFailure
                    : "cannot connect to any of " + mode.peerList() + " (last " + lastFailure + ")");
        }
    }

    private void backOff(String reason) {
        long delay = Math.min(backoffMillis, mode.reconnectMaxMillis());
        backoffMillis = Math.min(backoffMillis * 2, mode.reconnectMaxMillis());
        lastFailure = reason;
        backingOffUntil = System.currentTimeMillis() + delay;
        state = State.BACKING_OFF;
        if (!outageLogged) {
            outageLogged = true;
            LOG.warning(() -> name + ": " + reason + "; retrying with backoff up to " + mode.reconnectMaxMillis()
                    + " ms, logged again once connected");
        }
        retry = loop.schedule(() -> attempt(0), delay, TimeUnit.MILLISECONDS);
    }

    private void opened(InetSocketAddress target) {
        connects.increment();
        state = State.CONNECTED;
        connectedAtNanos = System.nanoTime();
        int failed = failedAttempts;
        LOG.info(() -> name + ": connected to " + HostList.toString(target)
                + (failed == 0 ? "" : " after " + failed + " failed attempts"));
        failedAttempts = 0;
        outageLogged = false;
    }

    private void lost(InetSocketAddress target, String cause) {
        if (stopped) {
            return;
        }
        // a link that held for a while starts its waits afresh; one that drops at once keeps backing off
        if (System.nanoTime() - connectedAtNanos >= TimeUnit.MILLISECONDS.toNanos(mode.reconnectMaxMillis())) {
            backoffMillis = FIRST_BACKOFF_MILLIS;
        }
        outageLogged = true;
        LOG.warning(() -> name + ": lost the link to " + HostList.toString(target) + " (" + cause
                + "); reconnecting with backoff up to " + mode.reconnectMaxMillis() + " ms");
        backOff("lost the link to " + HostList.toString(target) + " (" + cause + ")");
    }

    /** On the event loop: closes the link for a reason of the listener's (a missed heartbeat), to reconnect. */
    void recycle(Channel link, String why) {
        LinkWatch watch = link.pipeline().get(LinkWatch.class);
        if (watch != null) {
            watch.cause = why;
        }
        link.close();
    }

    /** Stops reconnecting and abandons an attempt under way; the listener closes an open link as a session. */
    void stop() {
        stopped = true;
        state = State.STOPPED;
        try {
            loop.execute(() -> {
                if (retry != null) {
                    retry.cancel(false);
                }
                if (channel != null && !channel.isActive()) {
                    channel.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // the loop has ended: nothing of the link is left
        }
    }

    /** @return whether the link is connected now */
    boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** @return the state for operators: connected to whom, or backing off until when and why */
    String describe() {
        return switch (state) {
            case CONNECTED -> "connected to " + peer;
            case CONNECTING -> "connecting to " + peer;
            case BACKING_OFF -> "backing off until " + Instant.ofEpochMilli(backingOffUntil) + ": " + lastFailure;
            case STOPPED -> "stopped";
        };
    }

    /** @return the connections made since the start */
    long connects() {
        return connects.sum();
    }

    /** @return the connection attempts that failed since the start */
    long failures() {
        return failures.sum();
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * First in a link's pipeline: hands the connection to the listener, and reports it open, or lost with the error
     * that ended it.
     */
    private final class LinkWatch extends ChannelInboundHandlerAdapter {

        private final int index;
        private final InetSocketAddress target;
        private String cause = "connection closed";
        private boolean open;

        LinkWatch(int index, InetSocketAddress target) {
            this.index = index;
            this.target = target;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (stopped) {
                ctx.close();
                return;
            }
            // the listener's handlers are added now, and see the event next
            serve.apply(ctx.channel(), target).addListener(opening -> {
                if (opening.isSuccess()) {
                    open = true;
                    opened(target);
                } else {
                    cause = (opening.cause() instanceof SSLException ? "TLS handshake failed: " : "")
                            + describe(opening.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            cause = describe(error);
            ctx.fireExceptionCaught(error);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (open) {
                lost(target, cause);
            } else {
                failed(index, target, cause);
            }
            ctx.fireChannelInactive();
        }
    }
}
