package io.github.tcpadapter.outbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input whose reads share one deadline, so a reply must be complete in time: a peer that keeps
 * trickling bytes cannot hold the caller longer than the read timeout.
 */
final class ReplyDeadlineInput extends FilterInputStream {

    private final Socket socket;
    private long deadlineNanos;

    ReplyDeadlineInput(Socket socket) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
    }

    /** Starts the time the next reads may take together. */
    void expireIn(long millis) {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public int read() throws IOException {
        limitToRemainingTime();
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        limitToRemainingTime();
        return super.read(buffer, offset, length);
    }

    private void limitToRemainingTime() throws IOException {
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new SocketTimeoutException("Read timed out");
        }
        // rounded up: a timeout of 0 would mean none at all
        long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
        socket.setSoTimeout((int) Math.min(remainingMillis, Integer.MAX_VALUE));
    }
}
