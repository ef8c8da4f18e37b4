package io.github.tcpadapter.cluster.payara;

import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.cluster.spi.ClusterReceiver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a channel delivered, in order, with bounded waits for what is still to come. */
final class Recorder implements ClusterReceiver {

    /** A message and its sender. */
    record Received(ClusterMember from, byte[] message) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ClusterMember> joined = new LinkedBlockingQueue<>();
    private final BlockingQueue<ClusterMember> left = new LinkedBlockingQueue<>();

    @Override
    public void received(ClusterMember from, byte[] message) {
        Received one = new Received(from, message);
        received.add(one);
        messages.add(one);
    }

    @Override
    public void joined(ClusterMember member) {
        joined.add(member);
    }

    @Override
    public void left(ClusterMember member) {
        left.add(member);
    }

    Received nextMessage(Duration bound) throws InterruptedException {
        return next(messages, bound, "message");
    }

    ClusterMember nextJoined(Duration bound) throws InterruptedException {
        return next(joined, bound, "joined member");
    }

    ClusterMember nextLeft(Duration bound) throws InterruptedException {
        return next(left, bound, "member that left");
    }

    private static <T> T next(BlockingQueue<T> queue, Duration bound, String what) throws InterruptedException {
        T next = queue.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("No " + what + " within " + bound);
        }
        return next;
    }
}
