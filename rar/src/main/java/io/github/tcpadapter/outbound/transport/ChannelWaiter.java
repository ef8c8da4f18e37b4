package io.github.tcpadapter.outbound.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Waits, within a deadline, until a channel in non-blocking mode can be read or written: what a blocking channel
 * cannot bound (a blocking write waits for ever for a peer that stopped reading), and what the JDK's timed reads
 * pay for by switching the socket to non-blocking and back, two system calls each way, on every read. The selector
 * is opened on first need and the channel stays registered with it, so a wait costs one {@code epoll_wait}. Not
 * thread-safe, except {@link #close()}, which ends a wait under way on another thread.
 */
final class ChannelWaiter implements AutoCloseable {

    private final SocketChannel channel;
    private volatile Selector selector;
    private SelectionKey key;

    /** @param channel a connected channel in non-blocking mode */
    ChannelWaiter(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Returns when the channel may be ready for the operation, or the time is up: the caller tries the operation
     * again and looks at its own deadline (a channel closed meanwhile also ends the wait, and the retried operation
     * then says so).
     *
     * @param operation {@link SelectionKey#OP_READ} or {@link SelectionKey#OP_WRITE}
     * @param remainingNanos how long to wait at most, more than 0
     * @throws InterruptedIOException if the thread is interrupted; its interrupt status stays set
     * @throws AsynchronousCloseException if the channel or this waiter was closed meanwhile
     */
    void await(int operation, long remainingNanos) throws IOException {
        // a selector returns at once for an interrupted thread: without this the caller's loop would spin
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("Interrupted while waiting for "
                    + channel.socket().getRemoteSocketAddress());
        }
        try {
            SelectionKey registered = key();
            if (!registered.isValid()) {
                throw new AsynchronousCloseException(); // the channel was closed
            }
            if (registered.interestOps() != operation) {
                registered.interestOps(operation);
            }
            // rounded up: a timeout of 0 would wait for ever
            selector.select((remainingNanos + 999_999) / 1_000_000);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException e) {
            throw new AsynchronousCloseException(); // closed by close() meanwhile
        }
    }

    private SelectionKey key() throws IOException {
        if (key == null) {
            Selector opened = Selector.open();
            selector = opened;
            // close() may have run before the field was set, and found nothing to close
            if (!channel.isOpen()) {
                opened.close();
                throw new AsynchronousCloseException();
            }
            key = channel.register(opened, SelectionKey.OP_READ);
        }
        return key;
    }

    /** Closes the selector, if one was opened; the channel's owner closes the channel first. */
    @Override
    public void close() throws IOException {
        Selector opened = selector;
        if (opened != null) {
            opened.close();
        }
    }
}
