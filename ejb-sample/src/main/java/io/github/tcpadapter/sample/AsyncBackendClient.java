package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls the same backend as {@link BackendClient}, with many requests in flight on one shared socket: a multiplexed
 * connection factory ({@code correlation=IN_ORDER}, as the sample's echo bean answers each connection's lines in
 * order). Its method returns at once with a stage; no thread waits for the backend.
 */
@ConnectionFactoryDefinition(
        name = "java:app/tcp/BackendAsync",
        interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory",
        resourceAdapter = "#tcp-adapter-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 8,
        properties = {"host=${MPCONFIG=tcp.backend.host:localhost}", "port=${MPCONFIG=tcp.backend.port:9000}",
            "correlation=IN_ORDER", "multiplexedConnections=1", "maxInFlight=64"})
@Stateless
public class AsyncBackendClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Resource(lookup = "java:app/tcp/BackendAsync")
    private TcpConnectionFactory backend;

    /**
     * Sends every line to the backend at once and combines the replies.
     *
     * @param lines the requests, without line terminator
     * @return the backend's replies in the order of the lines; completes exceptionally with the first failure (a
     *     {@link ResourceException}, or a {@code TcpTimeoutException} after 5 s). Later stages attached to it run on
     *     an adapter thread without this application's context: see {@link AsyncGatewayListener}
     * @throws ResourceException if the server cannot lend a connection handle
     */
    public CompletionStage<List<String>> callAll(List<String> lines) throws ResourceException {
        // closing the handle leaves its requests in flight: they use the factory's shared socket, not the handle's
        try (TcpConnection connection = backend.getConnection()) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (String line : lines) {
                replies.add(connection.requestAsync(line, TIMEOUT).toCompletableFuture());
            }
            return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .thenApply(allDone -> replies.stream().map(CompletableFuture::join).toList());
        }
    }
}
