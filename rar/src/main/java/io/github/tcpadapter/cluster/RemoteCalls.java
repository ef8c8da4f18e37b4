package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.cluster.ClusterWire.Result;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import jakarta.resource.ResourceException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The calls this member made to others and waits on, each until its answer, its bound, or its member leaving:
 * whichever comes first. A member that hangs holds no caller past the bound.
 */
final class RemoteCalls {

    /** Calls in flight at most: beyond, a call fails at once rather than piling up on a hung member. */
    static final int MAX_PENDING = 10_000;

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private record Pending(ClusterMember member, String what, CompletableFuture<Result> result) {
    }

    /** @param timer where the bounds expire */
    RemoteCalls(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * @param member the member that holds the session
     * @param boundMillis how long to wait for its answer
     * @param what the call, for errors ("sendAsync to session 9002-...")
     * @param send sends the call with the id given
     * @return the member's answer, or fails with a {@link TcpTimeoutException} after the bound, with a
     *     {@link ResourceException} if the member leaves or cannot be reached
     */
    CompletableFuture<Result> call(ClusterMember member, long boundMillis, String what,
            LongFunction<CompletionStage<Void>> send) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        if (pending.size() >= MAX_PENDING) {
            result.completeExceptionally(new ResourceException("Cannot " + what + " on member " + member.name()
                    + ": " + MAX_PENDING + " calls to other members wait for answers already"));
            return result;
        }
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(member, what, result));
        ScheduledFuture<?> expiry = timer.schedule(() -> fail(id, new TcpTimeoutException("Member " + member.name()
                + " did not answer " + what + " within " + boundMillis + " ms", null)), boundMillis,
                TimeUnit.MILLISECONDS);
        result.whenComplete((any, failure) -> expiry.cancel(false));
        send.apply(id).whenComplete((sent, failure) -> {
            if (failure != null) {
                fail(id, new ResourceException("Cannot " + what + ": " + failure, failure));
            }
        });
        return result;
    }

    /** The answer to one of the calls; one that came too late, or twice, finds nobody waiting. */
    void answered(Result result) {
        Pending waiting = pending.remove(result.callId());
        if (waiting != null) {
            waiting.result().complete(result);
        }
    }

    /** A member left: the calls waiting on it fail now, not at their bound. */
    void left(ClusterMember member) {
        pending.forEach((id, waiting) -> {
            if (waiting.member().id().equals(member.id())) {
                fail(id, new ResourceException("Member " + member.name() + " left the cluster before it answered "
                        + waiting.what() + "; the connection was that member's, and is closed"));
            }
        });
    }

    /** This member leaves: every call still waiting fails. */
    void closeAll() {
        pending.keySet().forEach(id -> fail(id, new ResourceException("The adapter stopped before the answer came")));
    }

    private void fail(long id, Exception why) {
        Pending waiting = pending.remove(id);
        if (waiting != null) {
            waiting.result().completeExceptionally(why);
        }
    }
}
