package io.github.tcpadapter.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads frames from a blocking stream with a {@link FrameDecoder}. Not thread-safe. */
public final class FrameReader {

    private static final int READ_BUFFER_SIZE = 8192;

    private final InputStream in;
    private final FrameDecoder decoder;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_SIZE).flip();

    /**
     * @param in the stream to read, typically a socket's
     * @param decoder a fresh decoder of the stream's format
     */
    public FrameReader(InputStream in, FrameDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    /**
     * Blocks until a whole frame has arrived. Bytes received beyond it are kept for the next call.
     *
     * @return the frame's payload, or {@code null} if the stream ended cleanly between frames (after the last
     *     frame, for formats that end one by closing)
     * @throws FramingException if the bytes do not form a valid frame, or the stream ended inside one
     * @throws IOException if reading fails; a read timeout loses nothing, and the call may be repeated
     */
    public byte[] read() throws IOException {
        while (true) {
            byte[] frame = decoder.decode(buffer);
            if (frame != null) {
                return frame;
            }
            int n = in.read(buffer.array(), 0, buffer.capacity());
            if (n < 0) {
                return decoder.endOfStream();
            }
            buffer.position(0).limit(n);
        }
    }
}
