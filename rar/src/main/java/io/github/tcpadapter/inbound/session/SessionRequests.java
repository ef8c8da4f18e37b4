package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.conversation.CompletionWorks;
import io.github.tcpadapter.conversation.InFlight;
import io.github.tcpadapter.conversation.RequestCounters;
import io.github.tcpadapter.conversation.RequestKeys;
import jakarta.resource.ResourceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The requests a bean sent to one session with {@code requestAsync}, until their replies come: each frame the
 * connection receives is offered here first, and only a frame that answers none goes on to the bean. Paired by the
 * listener's correlation, by key or in order; at most {@code maxInFlight} at once; each bounded by its timeout; all
 * failed at once when the connection closes. No thread waits for a reply. The caller's thread frames nothing and
 * waits for nothing: it reads the key, reserves a place and hands the request to the event loop, which owns the rest.
 *
 * <p>By key, a timed-out request's key is remembered (at most {@code maxInFlight} keys), so that its late reply is
 * counted as late; it then goes to the bean like any frame that answers no request. In order, a late reply would
 * answer the next request: the connection is closed instead.
 */
public final class SessionRequests {

    private static final Logger LOG = Logger.getLogger(SessionRequests.class.getName());

    private final ChannelSession session;
    private final Optional<TcpCorrelation> keys;
    private final int maxInFlight;
    private final CompletionWorks completions;
    private final RequestCounters counters;
    private final Consumer<String> closingInOrder;
    private final AtomicInteger inFlight = new AtomicInteger();
    // by key: callers claim a key here, so that a duplicate is refused at once
    private final Map<String, Request> byKey = new ConcurrentHashMap<>();
    // event loop only
    private final ArrayDeque<Request> inOrder = new ArrayDeque<>();
    private final Map<String, Boolean> timedOutKeys;

    /** One request between its acceptance and its outcome; its state belongs to the event loop. */
    private static final class Request {
        final byte[] payload;
        final String key;
        final long timeoutMillis;
        final CompletableFuture<TcpMessage> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        boolean written;
        boolean settled;

        Request(byte[] payload, String key, long timeoutMillis) {
            this.payload = payload;
            this.key = key;
            this.timeoutMillis = timeoutMillis;
        }
    }

    /**
     * @param session the session the requests go to
     * @param keys pairs replies by key; empty in order
     * @param maxInFlight how many requests may wait at once
     * @param completions where the stages complete: server threads, never the event loop
     * @param counters the listener's counts of replies, timeouts and late replies
     * @param closingInOrder logs (in summary) why a connection is closed for a request that timed out in order
     */
    public SessionRequests(ChannelSession session, Optional<TcpCorrelation> keys, int maxInFlight,
            CompletionWorks completions, RequestCounters counters, Consumer<String> closingInOrder) {
        this.session = session;
        this.keys = keys;
        this.maxInFlight = maxInFlight;
        this.completions = completions;
        this.counters = counters;
        this.closingInOrder = closingInOrder;
        this.timedOutKeys = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxInFlight;
            }
        };
    }

    /** @return the requests accepted and not settled yet */
    public int inFlight() {
        return inFlight.get();
    }

    /** Any thread: sends the request; see {@link io.github.tcpadapter.api.TcpSession#requestAsync}. */
    CompletionStage<TcpMessage> request(byte[] payload, long timeoutMillis) {
        if (!session.isOpen()) {
            return failed(new ResourceException("Cannot send to " + session + ": the session is closed"));
        }
        String key;
        try {
            key = RequestKeys.of(keys, payload);
        } catch (ResourceException e) {
            return failed(e);
        }
        if (!InFlight.tryReserve(inFlight, maxInFlight)) {
            counters.countRefusedFull();
            return failed(new ResourceException(maxInFlight + " requests in flight to " + session
                    + " (maxInFlight); nothing written, try again later"));
        }
        Request request = new Request(payload, key, timeoutMillis);
        if (key != null && byKey.putIfAbsent(key, request) != null) {
            inFlight.decrementAndGet();
            counters.countDuplicateKey();
            return failed(new ResourceException("A request with key " + key + " is in flight to " + session
                    + " already; nothing written"));
        }
        CompletionStage<TcpMessage> stage = request.future.copy();
        try {
            session.eventLoop().execute(() -> start(request));
        } catch (RejectedExecutionException e) {
            settle(request, null, new ResourceException("Cannot send to " + session + ": the listener stopped", e));
        }
        return stage;
    }

    private void start(Request request) {
        if (!session.isOpen()) {
            settle(request, null, new ResourceException("Cannot send to " + session + ": the session is closed"));
            return;
        }
        request.written = true;
        if (request.key == null) {
            inOrder.add(request);
        }
        request.timeout = session.eventLoop().schedule(() -> timedOut(request), request.timeoutMillis,
                TimeUnit.MILLISECONDS);
        session.sendAsync(request.payload).whenComplete((sent, failure) -> {
            if (failure != null) {
                session.eventLoop().execute(() -> {
                    inOrder.remove(request);
                    settle(request, null, failure instanceof ResourceException refused ? refused
                            : new ResourceException("Sending to " + session + " failed: " + failure, failure));
                });
            }
        });
    }

    /**
     * On the event loop: offers a received frame to the requests in flight.
     *
     * @return whether it answered one; otherwise it goes to the bean
     */
    public boolean answers(byte[] frame) {
        if (keys.isEmpty()) {
            Request first = inOrder.poll();
            if (first == null) {
                return false;
            }
            settle(first, frame, null);
            return true;
        }
        if (inFlight.get() == 0 && timedOutKeys.isEmpty()) {
            return false; // nothing to pair: the frame is the bean's without reading its key
        }
        Optional<String> key = replyKey(frame);
        if (key.isEmpty()) {
            return false;
        }
        Request answered = byKey.get(key.get());
        if (answered != null && answered.written) {
            settle(answered, frame, null);
            return true;
        }
        if (timedOutKeys.remove(key.get()) != null) {
            counters.countLate();
        }
        return false;
    }

    private Optional<String> replyKey(byte[] frame) {
        try {
            return keys.get().replyKey(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The correlation failed on a frame; it goes to the bean", e);
            return Optional.empty();
        }
    }

    private void timedOut(Request request) {
        if (request.settled) {
            return;
        }
        String within = " within " + request.timeoutMillis + " ms";
        if (request.key != null) {
            timedOutKeys.put(request.key, Boolean.TRUE);
            settle(request, null, new TcpTimeoutException("No reply from " + session + within + " (key "
                    + request.key + ")", null));
            return;
        }
        inOrder.remove(request);
        settle(request, null, new TcpTimeoutException("No reply from " + session + within, null));
        closingInOrder.accept("closing " + session + ": a request timed out, and in order its late reply would "
                + "answer the next one");
        session.closeNow();
    }

    /** On the event loop, as the connection closes: every request in flight fails now, with the cause. */
    public void closed() {
        ResourceException lost = new ResourceException("The connection of " + session + " closed before the reply");
        List<Request> pending = new ArrayList<>(inOrder);
        inOrder.clear();
        pending.addAll(byKey.values()); // those not written yet too: their start finds the session closed
        pending.forEach(request -> settle(request, null, lost));
    }

    private void settle(Request request, byte[] reply, Throwable failure) {
        if (request.settled) {
            return;
        }
        request.settled = true;
        if (request.timeout != null) {
            request.timeout.cancel(false);
        }
        inFlight.decrementAndGet();
        if (request.key != null) {
            byKey.remove(request.key, request);
        }
        if (failure == null) {
            counters.countReply();
            TcpMessage message = session.message(reply);
            completions.execute(() -> request.future.complete(message));
        } else {
            if (failure instanceof TcpTimeoutException) {
                counters.countTimeout();
            }
            completions.execute(() -> request.future.completeExceptionally(failure));
        }
    }

    private static CompletionStage<TcpMessage> failed(ResourceException failure) {
        return CompletableFuture.failedStage(failure);
    }
}
