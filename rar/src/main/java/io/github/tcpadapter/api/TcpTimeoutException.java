package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;

/**
 * A connect, request or receive that did not complete within its timeout. The message names the peer and the
 * timeout. A connection whose read timed out is destroyed, so a late reply can never answer another call.
 */
public class TcpTimeoutException extends ResourceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what timed out, naming the peer and the timeout
     * @param cause the socket's timeout exception
     */
    public TcpTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
