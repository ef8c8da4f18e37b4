package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Calls a line-based TCP backend through a pooled connection. The backend's address is the connection factory's
 * {@code host} and {@code port}: {@code localhost:9000} unless the server's configuration sets
 * {@code tcp.backend.host} and {@code tcp.backend.port} (Payara resolves {@code ${MPCONFIG=...}} when the
 * application is deployed, from system properties, environment variables such as {@code TCP_BACKEND_HOST}, or
 * {@code asadmin set-config-property}), or {@code ejb-jar.xml} overrides the properties.
 */
@ConnectionFactoryDefinition(
        name = "java:app/tcp/Backend",
        interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory",
        resourceAdapter = "#tcp-adapter-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 8,
        properties = {"host=${MPCONFIG=tcp.backend.host:localhost}", "port=${MPCONFIG=tcp.backend.port:9000}",
            "readTimeoutMillis=5000"})
@Stateless
public class BackendClient {

    @Resource(lookup = "java:app/tcp/Backend")
    private TcpConnectionFactory backend;

    /**
     * Sends one line to the backend and waits for its one-line reply.
     *
     * @param line the request, without line terminator
     * @return the backend's reply
     * @throws ResourceException if the backend cannot be reached or does not answer in time
     */
    public String call(String line) throws ResourceException {
        try (TcpConnection connection = backend.getConnection()) {
            return connection.request(line); // in the factory's charset, UTF-8 unless configured
        }
    }
}
