package io.github.tcpadapter.inbound.admission;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The executor of one connection's TLS handshake tasks, and the handler ahead of its {@code SslHandler} that stops
 * reading from it while a task waits or runs on another thread: the handler holds back what the task has not
 * seen, so without the hold it would take in whatever the client sends meanwhile. The client's bytes wait in its
 * socket (TCP flow control) instead. Retired once the connection is open, when reading belongs to its read gate.
 */
public final class HandshakeReadHold extends ChannelDuplexHandler implements Executor {

    private final Channel channel;
    private final Executor tasks;
    // tasks handed over and not yet returned; only the event loop changes it
    private int holding;
    private boolean retired;

    /**
     * @param channel the connection
     * @param tasks where the tasks run: the listener's handshake works
     */
    public HandshakeReadHold(Channel channel, Executor tasks) {
        this.channel = channel;
        this.tasks = tasks;
    }

    /** On the event loop, from the {@code SslHandler}: runs the task elsewhere, reading held until it is done. */
    @Override
    public void execute(Runnable task) {
        hold();
        try {
            tasks.execute(() -> {
                try {
                    if (channel.isOpen()) { // a client that left while its task waited costs nothing more
                        task.run();
                    }
                } finally {
                    releaseLater();
                }
            });
        } catch (RejectedExecutionException e) {
            release();
            throw e;
        }
    }

    private void hold() {
        if (!retired && holding++ == 0) {
            channel.config().setAutoRead(false);
        }
    }

    private void releaseLater() {
        try {
            channel.eventLoop().execute(this::release);
        } catch (RejectedExecutionException e) {
            // the listener is stopping: the connection is being closed
        }
    }

    private void release() {
        if (!retired && --holding == 0) {
            resumeReading();
        }
    }

    private void resumeReading() {
        channel.config().setAutoRead(true); // reads at once
    }

    /** The {@code SslHandler} asks for more bytes after each read: not while a task is out. */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (retired || holding == 0) {
            ctx.read();
        }
    }

    /**
     * On the event loop, once the handshake is complete: leaves the pipeline, reading resumed, so that from now on
     * only the connection's read gate decides it. A task's release may still be on its way; it does nothing then.
     */
    void retire() {
        if (retired) {
            return;
        }
        retired = true;
        if (holding > 0) {
            holding = 0;
            resumeReading();
        }
        channel.pipeline().remove(this);
    }
}
