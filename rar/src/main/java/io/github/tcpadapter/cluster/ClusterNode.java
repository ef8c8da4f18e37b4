package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.cluster.ClusterWire.Call;
import io.github.tcpadapter.cluster.ClusterWire.Closed;
import io.github.tcpadapter.cluster.ClusterWire.Hello;
import io.github.tcpadapter.cluster.ClusterWire.Message;
import io.github.tcpadapter.cluster.ClusterWire.Opened;
import io.github.tcpadapter.cluster.ClusterWire.Operation;
import io.github.tcpadapter.cluster.ClusterWire.Outcome;
import io.github.tcpadapter.cluster.ClusterWire.Result;
import io.github.tcpadapter.cluster.ClusterWire.Snapshot;
import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.cluster.spi.ClusterReceiver;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import io.github.tcpadapter.metrics.SummarizedLog;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's member of the adapter's cluster: it tells the others of its sessions, keeps the replica of theirs,
 * serves their calls on its sessions and makes calls on theirs. Its threads: one that sends the directory's messages
 * in order and expires calls, and a few that serve blocking sends of other members.
 */
final class ClusterNode implements ClusterReceiver, SessionRegistry.Watcher {

    /** How often each member sends its whole list: the bound on a directory entry that a lost message left wrong. */
    static final int SNAPSHOT_SECONDS = 30;
    /** The bound on a call that has no timeout of its own (sendAsync, close). */
    static final long ANSWER_MILLIS = 5_000;
    /** Added to a call's own timeout for the way to the member and back. */
    static final long MARGIN_MILLIS = 2_000;
    // sending what is left to tell, at the stop (the channel never blocks: this bounds a broken one)
    private static final long STOP_MILLIS = 2_000;
    // blocking sends of other members, served here: a few threads, a bounded queue, then "busy"
    private static final int SENDERS = 4;
    private static final int SEND_QUEUE = 1_000;
    // messages waiting to leave at most: beyond, the directory's are dropped (the next snapshot repairs), calls fail
    private static final int OUTGOING_QUEUE = 10_000;
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

    private final ClusterChannel channel;
    private final ClusterMember local;
    private final SessionRegistry registry;
    private final SessionReplica replica = new SessionReplica();
    // expiries of calls, and the periodic work: never waits on the channel
    private final ScheduledExecutorService timer;
    // every message leaves from this thread, in order: a channel that blocks on a hung member holds no caller, no
    // engine thread and no expiry
    private final ThreadPoolExecutor outgoing;
    private final ThreadPoolExecutor senders;
    private final RemoteCalls calls;
    // members whose unreadable messages were logged once
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final SummarizedLog staleCalls;
    private final SummarizedLog dropped;

    private ClusterNode(ClusterChannel channel, SessionRegistry registry) {
        this.channel = channel;
        this.local = channel.local();
        this.registry = registry;
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("tcp-adapter-cluster-timer"));
        this.outgoing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(OUTGOING_QUEUE), daemon("tcp-adapter-cluster-out"));
        this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(SEND_QUEUE), daemon("tcp-adapter-cluster-send"));
        this.senders.allowCoreThreadTimeOut(true);
        this.calls = new RemoteCalls(timer);
        this.staleCalls = new SummarizedLog(LOG, Level.WARNING, "Cluster member " + local.name(),
                "calls of other members not carried out: they came after their caller's deadline (this member hung?)");
        this.dropped = new SummarizedLog(LOG, Level.WARNING, "Cluster member " + local.name(),
                "messages of the session directory not sent (the next snapshot, within " + SNAPSHOT_SECONDS
                        + " s, repairs what they missed)");
    }

    /**
     * Joins: from now on the registry's sessions are told to the other members, and theirs are asked for.
     *
     * @param channel the adapter's channel in the server's cluster
     * @param registry this server's sessions
     */
    static ClusterNode start(ClusterChannel channel, SessionRegistry registry) {
        ClusterNode node = new ClusterNode(channel, registry);
        registry.joined(node.local.name(), node);
        channel.start(node);
        node.inOrder(() -> node.toOthers(new Hello()));
        node.timer.scheduleAtFixedRate(() -> node.inOrder(() -> node.toOthers(node.snapshot())), SNAPSHOT_SECONDS,
                SNAPSHOT_SECONDS, TimeUnit.SECONDS);
        node.timer.scheduleAtFixedRate(() -> {
            node.staleCalls.flush();
            node.dropped.flush();
        }, SummarizedLog.INTERVAL_MILLIS, SummarizedLog.INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info(() -> "TCP resource adapter joined its cluster as member " + node.local.name() + " ("
                + count(channel.members().size(), "member") + "): sessions are cluster-wide");
        return node;
    }

    /**
     * Leaves: tells the others it has no sessions any more (what its stopped listeners closed is told before), so
     * that they forget them before the server leaves the data grid; then calls still waiting fail.
     */
    void stop() {
        registry.left();
        inOrder(() -> toOthers(new Snapshot(List.of())));
        outgoing.shutdown();
        try {
            if (!outgoing.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "The cluster member " + local.name() + " could not tell the others of its last "
                        + "sessions within " + STOP_MILLIS + " ms; they forget them when it leaves the cluster");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
        calls.closeAll();
        outgoing.shutdownNow();
        timer.shutdownNow();
        senders.shutdownNow();
    }

    // ---- the directory

    Optional<TcpSession> find(String id) {
        return replica.find(id).map(entry -> new RemoteSession(entry, this));
    }

    List<TcpSession> onPort(int port) {
        return replica.onPort(port).stream().map(entry -> (TcpSession) new RemoteSession(entry, this)).toList();
    }

    boolean listed(SessionEntry entry) {
        return replica.contains(entry);
    }

    @Override
    public void opened(TcpSession session) {
        SessionEntry entry = SessionEntry.of(session, local);
        inOrder(() -> toOthers(new Opened(entry)));
    }

    @Override
    public void closed(TcpSession session) {
        String id = session.id();
        inOrder(() -> toOthers(new Closed(id)));
    }

    // ---- what the cluster brings

    @Override
    public void received(ClusterMember from, byte[] bytes) {
        if (from.id().equals(channel.local().id())) {
            return; // told under an identity this member had before a split: its sessions are its own
        }
        Message message;
        try {
            message = ClusterWire.read(bytes, from);
        } catch (IOException | RuntimeException e) {
            if (unreadable.add(from.id())) {
                LOG.warning(() -> "Cannot read a message from cluster member " + from.name() + ": " + e.getMessage()
                        + " (its sessions may be missing from the directory; logged once per member)");
            }
            return;
        }
        if (message instanceof Hello) {
            inOrder(() -> to(from, snapshot()));
        } else if (message instanceof Snapshot snapshot) {
            replica.replace(from, snapshot.sessions());
        } else if (message instanceof Opened opened) {
            replica.opened(opened.session());
        } else if (message instanceof Closed closed) {
            replica.closed(from, closed.sessionId());
        } else if (message instanceof Call call) {
            serve(from, call);
        } else if (message instanceof Result result) {
            calls.answered(result);
        }
    }

    @Override
    public void joined(ClusterMember member) {
        LOG.info(() -> "Cluster member " + member.name() + " joined");
        inOrder(() -> to(member, snapshot()));
    }

    @Override
    public void left(ClusterMember member) {
        int gone = replica.left(member);
        calls.left(member);
        LOG.info(() -> "Cluster member " + member.name() + " left; " + count(gone, "session")
                + " of its leave the directory");
    }

    // ---- calls on sessions of other members

    CompletableFuture<Result> call(SessionEntry entry, Operation operation, long timeoutMillis, byte[] payload,
            long boundMillis, String what) {
        long deadline = System.currentTimeMillis() + boundMillis;
        return calls.call(entry.member(), boundMillis, what, id -> send(entry.member(),
                ClusterWire.write(new Call(id, operation, entry.id(), timeoutMillis, deadline, payload))));
    }

    // a call of another member on a session of this one; never blocks the channel's thread
    private void serve(ClusterMember from, Call call) {
        long left = call.deadline() - System.currentTimeMillis();
        if (left <= 0) {
            // this member hung, and the data grid kept the call: its caller has given up and been told so
            staleCalls.event(() -> "a call of member " + from.name() + " came " + -left + " ms after its caller's "
                    + "deadline and was not carried out (this member hung?)");
            answer(from, call, Outcome.TIMED_OUT, "The call reached member " + channel.local().name() + " "
                    + -left + " ms after its deadline and was not carried out", new byte[0]);
            return;
        }
        Optional<TcpSession> found = registry.find(call.sessionId());
        if (found.isEmpty()) {
            answer(from, call, Outcome.FAILED, "Session " + call.sessionId() + " on member " + local.name()
                    + " is closed", new byte[0]);
            return;
        }
        TcpSession session = found.get();
        long within = Math.min(call.timeoutMillis(), left);
        switch (call.operation()) {
            case SEND:
                try {
                    senders.execute(() -> sendWaiting(from, call, session, within));
                } catch (RejectedExecutionException e) {
                    answer(from, call, Outcome.FAILED, "Member " + local.name() + " has " + SEND_QUEUE
                            + " sends of other members waiting already; " + session + " did not get the frame",
                            new byte[0]);
                }
                break;
            case SEND_ASYNC:
                session.sendAsync(call.payload()).whenComplete((sent, failure) -> answer(from, call, failure,
                        new byte[0]));
                break;
            case CLOSE:
                session.close();
                answer(from, call, Outcome.DONE, "", new byte[0]);
                break;
            case REQUEST:
                session.requestAsync(call.payload(), Duration.ofMillis(within)).whenComplete(
                        (reply, failure) -> answer(from, call, failure, reply == null ? new byte[0] : reply.payload()));
                break;
            default:
                throw new IllegalStateException("unknown operation " + call.operation());
        }
    }

    private void sendWaiting(ClusterMember from, Call call, TcpSession session, long timeoutMillis) {
        try {
            session.send(call.payload(), Duration.ofMillis(timeoutMillis));
            answer(from, call, Outcome.DONE, "", new byte[0]);
        } catch (ResourceException e) {
            answer(from, call, e, new byte[0]);
        }
    }

    private void answer(ClusterMember to, Call call, Throwable failure, byte[] payload) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            answer(to, call, Outcome.DONE, "", payload);
        } else {
            answer(to, call, cause instanceof TcpTimeoutException ? Outcome.TIMED_OUT : Outcome.FAILED,
                    String.valueOf(cause.getMessage()), new byte[0]);
        }
    }

    private void answer(ClusterMember to, Call call, Outcome outcome, String error, byte[] payload) {
        send(to, ClusterWire.write(new Result(call.id(), outcome, error, payload)));
    }

    // ---- sending

    private Snapshot snapshot() {
        return new Snapshot(registry.all().stream().map(session -> SessionEntry.of(session, local)).toList());
    }

    // the directory's messages are made and leave on the outgoing thread, in the order of the events
    private void inOrder(Runnable task) {
        try {
            outgoing.execute(task);
        } catch (RejectedExecutionException e) {
            dropped.event(() -> "a message of the session directory was not sent: " + (outgoing.isShutdown()
                    ? "the member stops" : OUTGOING_QUEUE + " messages wait to leave (a member the data grid cannot "
                            + "reach yet?)"));
        }
    }

    private void toOthers(Message message) {
        String self = channel.local().id(); // a member merged back after a split has a new identity
        byte[] bytes = null;
        for (ClusterMember member : channel.members()) {
            if (!member.id().equals(self)) {
                bytes = bytes == null ? ClusterWire.write(message) : bytes;
                transmit(member, bytes, new CompletableFuture<>());
            }
        }
    }

    // on the outgoing thread
    private void to(ClusterMember member, Message message) {
        transmit(member, ClusterWire.write(message), new CompletableFuture<>());
    }

    /** @return completes once the channel took the message, which leaves from the outgoing thread */
    private CompletableFuture<Void> send(ClusterMember member, byte[] bytes) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            outgoing.execute(() -> transmit(member, bytes, sent));
        } catch (RejectedExecutionException e) {
            sent.completeExceptionally(new IllegalStateException(outgoing.isShutdown() ? "the member stops"
                    : OUTGOING_QUEUE + " messages wait to leave already"));
        }
        return sent;
    }

    // on the outgoing thread
    private void transmit(ClusterMember member, byte[] bytes, CompletableFuture<Void> sent) {
        channel.send(member, bytes).whenComplete((any, failure) -> {
            if (failure == null) {
                sent.complete(null);
            } else {
                LOG.log(Level.FINE, "Cannot send to cluster member " + member.name(), failure);
                sent.completeExceptionally(failure);
            }
        });
    }

    private static String count(int count, String what) {
        return count + " " + what + (count == 1 ? "" : "s");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
