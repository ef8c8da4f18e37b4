package io.github.tcpadapter.api;

import java.time.Duration;
import java.util.List;

/**
 * Copies of the frames that pass one listener, or one session of it, from the moment it is opened with
 * {@link TcpSessions#capture} until it is closed: what a console or a debugging tool shows. The listener never waits
 * for a capture: it holds at most its capacity of frames, and a frame that finds it full is counted as missed
 * instead. While no capture is open for a listener, its frames are not copied at all. Thread-safe; meant to be read
 * by one thread.
 */
public interface TcpFrameCapture extends AutoCloseable {

    /** How many bytes of a frame's payload a capture copies at most. */
    int MAX_CAPTURED_BYTES = 4096;

    /**
     * Takes the frames captured so far, waiting for the first one at most {@code timeout}.
     *
     * @param max how many frames to take at most
     * @param timeout how long to wait at most while none is there
     * @return the frames, oldest first; empty if none came in time or the capture is not {@link #isOpen open}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    List<TcpCapturedFrame> poll(int max, Duration timeout) throws InterruptedException;

    /** @return how many frames found the capture full since the last call, and were not captured */
    long takeMissed();

    /**
     * @return false once the capture is closed, or once its listener stopped (its frames end there: open a new
     *     capture for a listener started since)
     */
    boolean isOpen();

    /** Stops capturing; frames not yet taken are dropped. Does nothing if closed already. */
    @Override
    void close();
}
