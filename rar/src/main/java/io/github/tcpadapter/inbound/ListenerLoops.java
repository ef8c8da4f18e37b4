package io.github.tcpadapter.inbound;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener's event loops: each a thread of the server's work manager, connections spread across them in turn.
 * Netty's own multi-loop groups are not used because they signal their end on a global thread of Netty's, outside
 * the work manager; this group learns that each loop ended from the work that ran it, once the loop's last task
 * has returned (the work then gives its thread back: the listener waits for that through its {@code NamedWorks}).
 */
final class ListenerLoops extends AbstractEventExecutorGroup implements IoEventLoopGroup {

    private final List<IoEventLoop> loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger running;
    private final Promise<Void> terminated;

    /**
     * @param count how many loops
     * @param works what runs each loop's thread: the listener's work manager
     * @param ioHandlers the transport's I/O handlers
     * @param atLoopEnd runs on each loop's thread after its last task
     */
    ListenerLoops(int count, Executor works, IoHandlerFactory ioHandlers, Runnable atLoopEnd) {
        this.running = new AtomicInteger(count);
        List<IoEventLoop> made = new ArrayList<>(count);
        Executor counted = task -> runCounted(works, task, atLoopEnd);
        for (int i = 0; i < count; i++) {
            made.add(new SingleThreadIoEventLoop(this, counted, ioHandlers));
        }
        this.loops = List.copyOf(made);
        // waited on by the stopping thread only; a listener would be told on the first loop, which has ended by then
        this.terminated = new DefaultPromise<>(loops.get(0));
    }

    // a loop's thread that the work manager refuses never runs: the loop counts as ended as well
    private void runCounted(Executor works, Runnable loop, Runnable atLoopEnd) {
        try {
            works.execute(() -> {
                try {
                    loop.run();
                } finally {
                    try {
                        atLoopEnd.run();
                    } finally {
                        ended();
                    }
                }
            });
        } catch (RuntimeException e) {
            ended();
            throw e;
        }
    }

    private void ended() {
        if (running.decrementAndGet() == 0) {
            terminated.trySuccess(null);
        }
    }

    /**
     * Starts every loop's thread.
     *
     * @return whether each has its thread within the time
     */
    boolean startAll(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Future<?>> started = loops.stream().<Future<?>>map(loop -> loop.submit(() -> { })).toList();
        for (Future<?> loop : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !loop.awaitUninterruptibly(left, TimeUnit.NANOSECONDS) || !loop.isSuccess()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public IoEventLoop next() {
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return Collections.<EventExecutor>unmodifiableList(loops).iterator();
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return next().register(channel, promise);
    }

    @Override
    public boolean isShuttingDown() {
        return loops.stream().allMatch(EventExecutor::isShuttingDown);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        loops.forEach(loop -> loop.shutdownGracefully(quietPeriod, timeout, unit));
        return terminated;
    }

    /**
     * @return completes once every loop has ended, from the work that ran it; await it, do not add listeners
     */
    @Override
    public Future<?> terminationFuture() {
        return terminated;
    }

    @Override
    @Deprecated
    public void shutdown() {
        shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isShutdown() {
        return loops.stream().allMatch(EventExecutor::isShutdown);
    }

    @Override
    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
