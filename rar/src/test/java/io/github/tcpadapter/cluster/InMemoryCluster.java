package io.github.tcpadapter.cluster;

import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.cluster.spi.ClusterReceiver;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster engine in one JVM, as the SPI describes one: each member's deliveries on a thread of its own, in the
 * order sent. A member can hang (what is sent to it waits, as Hazelcast keeps it for a stopped process until it
 * resumes or is removed) and be cut off hard (the others see it leave).
 */
final class InMemoryCluster implements AutoCloseable {

    private final Map<String, Member> members = new ConcurrentHashMap<>();

    Member join(String name) {
        Member member = new Member(new ClusterMember(name + "-id", name));
        members.put(member.self.id(), member);
        return member;
    }

    /** The member dies: the others see it leave, and nothing reaches it any more. */
    void kill(Member member) {
        if (members.remove(member.self.id()) != null) {
            members.values().forEach(other -> other.deliver(receiver -> receiver.left(member.self)));
            member.deliveries.shutdownNow();
        }
    }

    @Override
    public void close() {
        List.copyOf(members.values()).forEach(this::kill);
    }

    /** One member's channel. */
    final class Member implements ClusterChannel {

        final ClusterMember self;
        private final ExecutorService deliveries = Executors.newSingleThreadExecutor();
        private volatile ClusterReceiver receiver;
        // guarded by this: a hung member takes its deliveries only once resumed
        private boolean hung;
        volatile boolean closed;
        // while set, this member's sends block until it opens
        volatile CountDownLatch sendsBlockUntil;
        // messages sent to this member so far, delivered or held
        final AtomicInteger sentHere = new AtomicInteger();

        Member(ClusterMember self) {
            this.self = self;
        }

        @Override
        public ClusterMember local() {
            return self;
        }

        @Override
        public Collection<ClusterMember> members() {
            return members.values().stream().map(member -> member.self).toList();
        }

        @Override
        public void start(ClusterReceiver receiving) {
            receiver = receiving;
            members.values().stream().filter(other -> other != this)
                    .forEach(other -> other.deliver(receiver -> receiver.joined(self)));
        }

        @Override
        public CompletionStage<Void> send(ClusterMember to, byte[] message) {
            CountDownLatch gate = sendsBlockUntil;
            if (gate != null) {
                try {
                    gate.await(); // an engine whose send blocks on a member it cannot reach
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedStage(e);
                }
            }
            Member target = members.get(to.id());
            if (target == null) {
                return CompletableFuture.failedStage(new IllegalStateException(to.name() + " is no member"));
            }
            target.sentHere.incrementAndGet();
            target.deliver(receiver -> receiver.received(self, message.clone()));
            return CompletableFuture.completedStage(null);
        }

        private void deliver(java.util.function.Consumer<ClusterReceiver> delivery) {
            if (!deliveries.isShutdown()) {
                deliveries.execute(() -> {
                    try {
                        awaitResumed();
                    } catch (InterruptedException e) {
                        return; // killed while hung: never delivered
                    }
                    ClusterReceiver current = receiver;
                    if (current != null && !closed) {
                        delivery.accept(current);
                    }
                });
            }
        }

        /** The adapter leaves its channel; the server stays in the cluster, as a data grid's member does. */
        @Override
        public void close() {
            closed = true;
        }

        synchronized void hang() {
            hung = true;
        }

        synchronized void resume() {
            hung = false;
            notifyAll();
        }

        private synchronized void awaitResumed() throws InterruptedException {
            while (hung) {
                wait();
            }
        }
    }
}
