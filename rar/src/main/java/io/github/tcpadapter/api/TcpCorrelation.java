package io.github.tcpadapter.api;

import java.util.Optional;

/**
 * Pairs replies with their requests where many requests are in flight on one connection: reads a key from each
 * request before it is written and from each frame received. A received frame whose key is the key of a request in
 * flight answers that request; a frame without a key, or with a key no request waits for, answers nobody.
 *
 * <p>The adapter brings implementations for common protocols; an application may bring its own. Implementations
 * must be thread-safe, must not keep the arrays they are given, and must not block: they run for every frame.
 */
public interface TcpCorrelation {

    /**
     * @param request the payload of a request about to be written, without framing bytes
     * @return the key its reply will carry; empty if the request carries none (it is then refused, unwritten)
     */
    Optional<String> requestKey(byte[] request);

    /**
     * @param frame the payload of a received frame, without framing bytes
     * @return the key of the request it answers; empty if it answers none or its key cannot be read
     */
    Optional<String> replyKey(byte[] frame);
}
