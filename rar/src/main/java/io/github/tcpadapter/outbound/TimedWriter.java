package io.github.tcpadapter.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Writes to a channel in blocking mode within a deadline, which the JDK's blocking writes lack: a peer that stops
 * reading would otherwise hold the writer for ever. The write is tried non-blocking first, which takes everything
 * unless the socket's send buffer is full; only then does it wait, on a selector opened on first need, for the
 * peer to take bytes. The channel is in blocking mode again afterwards, for the reads. Not thread-safe, except
 * {@link #close()}.
 */
final class TimedWriter implements AutoCloseable {

    private final SocketChannel channel;
    private volatile Selector selector;

    /** @param channel a connected channel in blocking mode */
    TimedWriter(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes every remaining byte.
     *
     * @param bytes what to write
     * @param timeoutMillis how long the whole write may take
     * @throws SocketTimeoutException if the peer did not take every byte in time; some may have been written
     * @throws InterruptedIOException if the thread is interrupted while waiting; its interrupt status stays set
     * @throws IOException if writing fails, or the channel was closed meanwhile
     */
    void write(ByteBuffer bytes, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        channel.configureBlocking(false);
        try {
            channel.write(bytes);
            if (bytes.hasRemaining()) {
                awaitWritten(bytes, deadline);
            }
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException(); // closed by close() meanwhile
        } finally {
            blockAgain();
        }
    }

    private void awaitWritten(ByteBuffer bytes, long deadline) throws IOException {
        Selector waiter = selector();
        SelectionKey key = channel.register(waiter, SelectionKey.OP_WRITE);
        try {
            while (bytes.hasRemaining()) {
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    throw new SocketTimeoutException("Write timed out");
                }
                // a selector returns at once for an interrupted thread: without this the loop would spin
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("Write interrupted");
                }
                // rounded up: a timeout of 0 would wait for ever
                waiter.select((remainingNanos + 999_999) / 1_000_000);
                waiter.selectedKeys().clear();
                channel.write(bytes);
            }
        } finally {
            key.cancel();
            waiter.selectNow(); // deregisters the channel: a registered channel cannot block again
        }
    }

    private Selector selector() throws IOException {
        Selector existing = selector;
        if (existing != null) {
            return existing;
        }
        Selector opened = Selector.open();
        selector = opened;
        // close() may have run before the field was set, and found nothing to close
        if (!channel.isOpen()) {
            opened.close();
            throw new AsynchronousCloseException();
        }
        return opened;
    }

    private void blockAgain() throws IOException {
        try {
            channel.configureBlocking(true);
        } catch (ClosedChannelException closed) {
            // nothing left to restore; the caller sees the close in the write or the next call
        }
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
