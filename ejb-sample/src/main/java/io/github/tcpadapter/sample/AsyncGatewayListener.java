package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's asynchronous path, on port 9004: sends every word of a line to the backend at once, through
 * {@link AsyncBackendClient}, and answers {@code backend: <reply> | <reply> | ...} in the order of the words, or
 * {@code error: <reason>}. No thread waits for the backend: the bean returns at once without a reply, and pushes the
 * reply to the client's session when the last word is answered.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9004"),
    // behind the cluster's HAProxy (README, "Cluster"): it alone may name the client in a PROXY header
    @ActivationConfigProperty(propertyName = "proxyProtocol", propertyValue = "OPTIONAL"),
    @ActivationConfigProperty(propertyName = "proxyTrustedAddresses", propertyValue = "127.0.0.2")
})
public class AsyncGatewayListener implements TcpMessageListener {

    private static final Logger LOG = Logger.getLogger(AsyncGatewayListener.class.getName());

    @EJB
    private AsyncBackendClient backend;

    @Resource(lookup = "java:app/tcp/Sessions")
    private TcpSessions sessions;

    // the server's default executor: its threads carry this application's context (naming, class loader, security)
    @Resource
    private ManagedExecutorService executor;

    @Override
    public byte[] onMessage(TcpMessage message) {
        List<String> words = List.of(message.text().trim().split("\\s+"));
        String sessionId = message.sessionId();
        try {
            // copy: the stages below run on the managed executor, not on the adapter's thread that completes the
            // backend's stage without this application's context
            executor.copy(backend.callAll(words))
                    .handle((replies, failure) -> failure == null
                            ? "backend: " + String.join(" | ", replies) : failed(message, failure))
                    .thenAccept(reply -> sessions.find(sessionId).ifPresent(session -> session.sendAsync(reply)
                            .exceptionally(gone -> {
                                LOG.log(Level.FINE, "Cannot answer " + message.remoteAddress(), gone);
                                return null;
                            })));
        } catch (ResourceException e) {
            return failed(message, e).getBytes(message.charset());
        }
        return null; // the reply follows when the backend has answered every word
    }

    private static String failed(TcpMessage message, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // one line per failed call: the backend being down is news, its stack trace is not
        LOG.warning(() -> "Backend calls for " + message.remoteAddress() + " failed: " + cause.getMessage());
        return "error: " + cause.getMessage();
    }
}
