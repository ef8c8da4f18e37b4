package io.github.tcpadapter.outbound;

import io.github.tcpadapter.outbound.multiplex.Dialer;
import io.github.tcpadapter.outbound.transport.PlainTransport;
import io.github.tcpadapter.outbound.transport.TlsFailures;
import io.github.tcpadapter.outbound.transport.TlsHandshakeTimeoutException;
import io.github.tcpadapter.outbound.transport.TlsTransport;
import io.github.tcpadapter.tls.TlsContext;
import io.github.tcpadapter.tls.TlsSettings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The TLS side of a connection factory: secures each new connection with a handshake bounded by
 * {@code sslHandshakeTimeoutMillis}. Its {@link TlsContext} is built once per factory configuration; the engines
 * come from it, one per connection.
 */
final class ClientTls {

    private final TlsContext context;
    private final boolean hostnameVerification;

    /**
     * @param context the factory's TLS configuration, stores read
     * @param hostnameVerification whether the server's certificate must name the configured host
     */
    ClientTls(TlsContext context, boolean hostnameVerification) {
        this.context = context;
        this.hostnameVerification = hostnameVerification;
    }

    /**
     * Performs the handshake over a connected socket. On failure the caller closes the socket.
     *
     * @param network the connected socket's bytes
     * @param target the target connected to: its host is sent as SNI and checked against the certificate
     * @return the transport of the session's plaintext
     * @throws TlsHandshakeTimeoutException if the handshake did not complete in time
     * @throws SSLException if the handshake failed; the message says why in an operator's words
     * @throws IOException if the network failed
     */
    TlsTransport secure(PlainTransport network, Target target) throws IOException {
        TlsSettings settings = context.settings();
        SSLEngine engine = context.clientEngine(target.host(), target.port(), hostnameVerification);
        TlsFailures failures = failures(target);
        try {
            return TlsTransport.handshake(network, engine, failures, settings.handshakeTimeoutMillis());
        } catch (SocketTimeoutException e) {
            TlsHandshakeTimeoutException timeout = new TlsHandshakeTimeoutException(settings.handshakeTimeoutMillis());
            timeout.initCause(e);
            throw timeout;
        } catch (SSLException e) {
            throw new SSLException("TLS handshake failed: " + failures.explain(e), e);
        }
    }

    /**
     * @param failed records a failed handshake in the failover order
     * @return the handshake a multiplexed link performs on its event loop over a socket connected to the target
     */
    Dialer.Tls forLink(Target target, Consumer<String> failed) {
        return new Dialer.Tls(context.clientEngine(target.host(), target.port(), hostnameVerification),
                context.settings().handshakeTimeoutMillis(), failures(target)::explain, failed);
    }

    private TlsFailures failures(Target target) {
        TlsSettings settings = context.settings();
        return new TlsFailures(target.host(),
                settings.trustStore() == null ? null : settings.trustStore().path().toString(),
                settings.keyStore() != null);
    }
}
