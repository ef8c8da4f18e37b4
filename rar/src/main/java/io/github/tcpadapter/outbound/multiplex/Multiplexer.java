package io.github.tcpadapter.outbound.multiplex;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.conversation.CompletionWorks;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.conversation.RequestCounters;
import io.github.tcpadapter.conversation.RequestKeys;
import io.github.tcpadapter.conversation.HeartbeatCounters;
import io.github.tcpadapter.metrics.SummarizedLog;
import io.netty.channel.IoEventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared connections ({@link Link}s) of one multiplexed factory configuration, and the requests in flight on
 * them. Any thread may call {@link #request}: it frames the request, reads its key, refuses a duplicate key, reserves
 * a place on the link with the fewest in flight (connected links first) and hands the request to the event loop;
 * nothing waits. Every link runs on one event loop per configuration, its thread a long-running work; connects run
 * on short works (they block, within the factory's connect timeout); stages complete on {@link CompletionWorks}.
 * Thread-safe.
 */
public final class Multiplexer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Multiplexer.class.getName());
    // a slow callback holds one; see CompletionWorks
    private static final int COMPLETION_WORKS = 4;
    private static final long STOP_MILLIS = 5_000;

    private final MultiplexSettings settings;
    private final Dialer dialer;
    private final IoEventLoop loop;
    private final Executor connectWorks;
    private final CompletionWorks completions;
    private final List<Link> links = new ArrayList<>();
    // by key: the requests in flight on every link, so that a duplicate is refused whichever link it would take
    private final Map<String, Pending> keysInFlight = new ConcurrentHashMap<>();
    private final RequestCounters counters = new RequestCounters();
    private final HeartbeatCounters heartbeats = new HeartbeatCounters();
    // by key, the key of a heartbeat whose answer is awaited; else null
    private final String heartbeatKey;
    private final SummarizedLog lateReplies;
    private final SummarizedLog unmatchedFrames;
    private volatile boolean closed;

    /**
     * Opens nothing yet: each link connects on its first request.
     *
     * @param settings the configuration's multiplexing properties
     * @param dialer opens a link's socket
     * @param works makes the executor of the works of one kind: a name ("-io", "-connect", "-completion" after
     *     the configuration's name) and whether they run as long as the links do
     */
    public Multiplexer(MultiplexSettings settings, Dialer dialer, BiFunction<String, Boolean, Executor> works) {
        this.settings = settings;
        this.dialer = dialer;
        Heartbeat heartbeat = settings.heartbeat();
        this.heartbeatKey = heartbeat == null || heartbeat.replyTimeoutMillis() == 0 || settings.keys().isEmpty()
                ? null : settings.keys().get().requestKey(heartbeat.payload()).orElseThrow(() ->
                        new IllegalArgumentException("the heartbeat carries no key")); // the factory checked it
        String name = "tcp-multiplex-" + settings.name();
        this.loop = new SingleThreadIoEventLoop(null, works.apply(name + "-io", true), NioIoHandler.newFactory());
        this.connectWorks = works.apply(name + "-connect", false);
        this.completions = new CompletionWorks(works.apply(name + "-completion", false), COMPLETION_WORKS,
                settings.name());
        for (int i = 1; i <= settings.links(); i++) {
            links.add(new Link(i, this, loop));
        }
        this.lateReplies = new SummarizedLog(LOG, Level.INFO, settings.name(), "late replies dropped");
        this.unmatchedFrames = new SummarizedLog(LOG, Level.INFO, settings.name(), "frames that answer no request");
        loop.scheduleAtFixedRate(() -> {
            lateReplies.flush();
            unmatchedFrames.flush();
        }, SummarizedLog.INTERVAL_MILLIS, SummarizedLog.INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a request on one of the shared connections. Never blocks. The stage completes on a server thread with
     * the reply's payload; exceptionally with {@link TcpTimeoutException} if no reply came within the timeout, or
     * with a {@link ResourceException} saying why: at once if the request cannot be framed, carries no key or the key
     * of a request in flight, or if every connection has {@code maxInFlight} requests in flight; when its connection
     * is lost or cannot be opened.
     *
     * @param payload the request, without framing bytes
     * @param timeoutMillis how long its reply may take, from now; at least 1
     * @return the reply's stage: a copy, so that completing it does not touch the request
     */
    public CompletionStage<byte[]> request(byte[] payload, long timeoutMillis) {
        if (closed) {
            return CompletableFuture.failedStage(closed());
        }
        byte[] wire;
        String key;
        try {
            wire = settings.framing().encode(payload);
            key = RequestKeys.of(settings.keys(), payload);
        } catch (FramingException e) {
            return CompletableFuture.failedStage(new ResourceException("Cannot frame the request to "
                    + settings.name() + ": " + e.getMessage() + "; nothing written", e));
        } catch (ResourceException e) {
            return CompletableFuture.failedStage(e);
        }
        Pending pending = new Pending(wire, key, timeoutMillis);
        if (key != null && keysInFlight.putIfAbsent(key, pending) != null) {
            counters.countDuplicateKey();
            return CompletableFuture.failedStage(new ResourceException("A request with key " + key
                    + " is in flight to " + settings.name() + " already; nothing written"));
        }
        Link link = reserve();
        if (link == null) {
            if (key != null) {
                keysInFlight.remove(key, pending);
            }
            counters.countRefusedFull();
            return CompletableFuture.failedStage(new ResourceException(settings.maxInFlight()
                    + " requests in flight on each of " + links.size() + " connections to " + settings.name()
                    + " (maxInFlight); nothing written, try again later"));
        }
        CompletionStage<byte[]> stage = pending.future.copy();
        link.submit(pending);
        return stage;
    }

    // the link with the fewest in flight among the best connected, a place reserved on it; null if all are full
    private Link reserve() {
        List<Link> candidates = new ArrayList<>(links);
        while (!candidates.isEmpty()) {
            Link best = null;
            for (Link link : candidates) {
                if (best == null || rank(link) < rank(best)
                        || rank(link) == rank(best) && link.inFlight.get() < best.inFlight.get()) {
                    best = link;
                }
            }
            if (best.tryReserve(settings.maxInFlight())) {
                return best;
            }
            candidates.remove(best);
        }
        return null;
    }

    private static int rank(Link link) {
        return switch (link.state()) {
            case CONNECTED -> 0;
            case NOT_OPENED, CONNECTING -> 1;
            case BACKING_OFF, CLOSED -> 2;
        };
    }

    /**
     * On the event loop: makes a heartbeat whose answer is awaited, its key held like a request's so that no request
     * with the same key goes out meanwhile.
     *
     * @return the heartbeat, or {@code null} if a request holds its key now (the link is not quiet then anyway)
     */
    Pending heartbeatRequest() {
        Heartbeat heartbeat = settings.heartbeat();
        Pending pending = new Pending(heartbeat.wire(), heartbeatKey, heartbeat.replyTimeoutMillis());
        pending.heartbeat = true;
        if (heartbeatKey != null && keysInFlight.putIfAbsent(heartbeatKey, pending) != null) {
            return null;
        }
        return pending;
    }

    /** A request's outcome, on the event loop: the stage completes on a completion work. */
    void settled(Pending pending, byte[] reply, ResourceException failure) {
        if (pending.key != null) {
            keysInFlight.remove(pending.key, pending);
        }
        if (pending.heartbeat) {
            return; // no caller: a missed one recycles its link
        }
        if (failure == null) {
            counters.countReply();
            completions.execute(() -> pending.future.complete(reply));
        } else {
            if (failure instanceof TcpTimeoutException) {
                counters.countTimeout();
            } else {
                counters.countFailure();
            }
            completions.execute(() -> pending.future.completeExceptionally(failure));
        }
    }

    void late(String peer, String key) {
        counters.countLate();
        lateReplies.event(() -> "a reply from " + peer + " for key " + key + " came after its request timed out; "
                + "dropped");
    }

    void unmatched(String peer, String what) {
        counters.countUnmatched();
        unmatchedFrames.event(() -> "dropped " + what + " from " + peer);
    }

    MultiplexSettings settings() {
        return settings;
    }

    Dialer dialer() {
        return dialer;
    }

    Executor connectWorks() {
        return connectWorks;
    }

    ResourceException closed() {
        return new ResourceException("The connections to " + settings.name() + " are closed: the connection "
                + "factory stopped");
    }

    /** @return what the links' heartbeats did since they were made */
    public HeartbeatCounters heartbeats() {
        return heartbeats;
    }

    /** @return the counters since the links were made */
    public RequestCounters counters() {
        return counters;
    }

    /** @return the requests accepted and not settled yet, on every link */
    public int inFlight() {
        return links.stream().mapToInt(link -> link.inFlight.get()).sum();
    }

    /** @return one line per link: "link 1 connected to host:port (3 in flight)", "link 2 backing off until ..." */
    public List<String> linkStates() {
        return links.stream().map(Link::describe).toList();
    }

    /**
     * Fails every request in flight, closes the sockets and ends the event loop, waiting for it at most 5 s. Any
     * thread but the event loop's.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        links.forEach(Link::close);
        loop.shutdownGracefully(0, STOP_MILLIS, TimeUnit.MILLISECONDS);
        if (!loop.terminationFuture().awaitUninterruptibly(STOP_MILLIS)) {
            LOG.warning(() -> settings.name() + ": the multiplexed connections' event loop did not end within "
                    + STOP_MILLIS + " ms");
        }
        lateReplies.flush();
        unmatchedFrames.flush();
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing a socket failed", e);
        }
    }
}
