package io.github.tcpadapter.outbound.transport;

import java.net.SocketTimeoutException;

/**
 * A TLS handshake did not complete within {@code sslHandshakeTimeoutMillis}: a timeout like a connect's, so the
 * connector fails over and reports a {@link io.github.tcpadapter.api.TcpTimeoutException}, with its own words.
 */
public final class TlsHandshakeTimeoutException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    public TlsHandshakeTimeoutException(int timeoutMillis) {
        super("TLS handshake not complete within " + timeoutMillis + " ms (sslHandshakeTimeoutMillis)");
    }
}
