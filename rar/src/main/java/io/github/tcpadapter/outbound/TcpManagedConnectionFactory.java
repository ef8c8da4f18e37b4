package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.config.FramingProperties;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Configuration of one outbound TCP target, and the factory of its pooled connections. Configure it with
 * {@code @ConnectionFactoryDefinition} properties, {@code glassfish-resources.xml} or asadmin.
 */
@ConnectionDefinition(
        connectionFactory = TcpConnectionFactory.class,
        connectionFactoryImpl = TcpConnectionFactoryImpl.class,
        connection = TcpConnection.class,
        connectionImpl = TcpConnectionHandle.class)
public class TcpManagedConnectionFactory extends FramingProperties
        implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "localhost", description = "Host name or IP address of the TCP peer.")
    private String host = "localhost";

    @ConfigProperty(description = "TCP port of the peer. Required.")
    private Integer port;

    @ConfigProperty(defaultValue = "10000", description = "How long opening a connection may take, in ms.")
    private Integer connectTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "30000", description = "How long a request waits for its reply, in ms.")
    private Integer readTimeoutMillis = 30_000;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        validate();
        return new TcpConnectionFactoryImpl(this, connectionManager);
    }

    /** Creates a factory without a pool, for use outside an application server: each connection is new. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        validate();
        return new TcpManagedConnection(this, connect());
    }

    @Override
    @SuppressWarnings("rawtypes") // the connector API's signature
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : connections) {
            if (candidate instanceof TcpManagedConnection connection && connection.servesTarget(this)
                    && connection.isUsable()) {
                return connection;
            }
        }
        return null;
    }

    /**
     * Checks every property.
     *
     * @throws jakarta.resource.spi.InvalidPropertyException naming the first property with a bad value
     */
    void validate() throws ResourceException {
        PropertyCheck.notBlank("host", host);
        PropertyCheck.port("port", port);
        PropertyCheck.positive("connectTimeoutMillis", connectTimeoutMillis);
        PropertyCheck.positive("readTimeoutMillis", readTimeoutMillis);
        framing();
        charset();
    }

    private Socket connect() throws ResourceException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host.trim(), port), connectTimeoutMillis);
            return socket;
        } catch (UnknownHostException e) {
            throw connectFailure(socket, "unknown host", e);
        } catch (SocketTimeoutException e) {
            throw connectFailure(socket, "no answer within " + connectTimeoutMillis + " ms", e);
        } catch (IOException e) {
            throw connectFailure(socket, e.getMessage(), e);
        }
    }

    private ResourceException connectFailure(Socket socket, String reason, IOException cause) {
        try {
            socket.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        return new ResourceException("Cannot connect to " + target() + ": " + reason, cause);
    }

    /** @return {@code host:port}, for messages */
    String target() {
        return host + ":" + port;
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public Integer getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    public void setReadTimeoutMillis(Integer readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    // The connector contract requires equality by configuration: the pool keys connections on it.
    @Override
    public boolean equals(Object other) {
        return other instanceof TcpManagedConnectionFactory that
                && Objects.equals(host, that.host)
                && Objects.equals(port, that.port)
                && Objects.equals(connectTimeoutMillis, that.connectTimeoutMillis)
                && Objects.equals(readTimeoutMillis, that.readTimeoutMillis)
                && sameFramingAs(that);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, connectTimeoutMillis, readTimeoutMillis, framingHashCode());
    }
}
