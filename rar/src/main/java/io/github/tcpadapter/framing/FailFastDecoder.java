package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/**
 * The base of every format's decoder: once the stream broke a rule, its position inside the format is lost, so
 * every later call fails with the first failure's reason instead of guessing where the next frame starts.
 */
abstract class FailFastDecoder implements FrameDecoder {

    private FramingException failure;

    @Override
    public final byte[] decode(ByteBuffer in) throws FramingException {
        requireUsable();
        try {
            return next(in);
        } catch (FramingException e) {
            throw failed(e);
        }
    }

    @Override
    public final byte[] endOfStream() throws FramingException {
        requireUsable();
        try {
            return finish();
        } catch (FramingException e) {
            throw failed(e);
        }
    }

    /** {@link #decode} of a decoder that has not failed. */
    protected abstract byte[] next(ByteBuffer in) throws FramingException;

    /** {@link #endOfStream} of a decoder that has not failed: by default, no frame may be cut short. */
    protected byte[] finish() throws FramingException {
        return FrameDecoder.super.endOfStream();
    }

    private FramingException failed(FramingException e) {
        failure = e;
        return e;
    }

    private void requireUsable() throws FramingException {
        if (failure != null) {
            throw new FramingException("the stream already broke the framing: " + failure.getMessage());
        }
    }
}
