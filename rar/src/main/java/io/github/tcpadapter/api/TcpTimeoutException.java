package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;

/**
 * A connect, request, receive or send that did not complete within its timeout. The message names the peer and
 * the timeout. An outbound connection whose read or write timed out is destroyed, so a late reply can never answer
 * another call. A {@link TcpSession#send} that timed out did not send its frame.
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
