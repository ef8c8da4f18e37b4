package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMetaData;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.config.PropertyCheck;
import io.github.tcpadapter.conversation.ConversationProperties;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.correlation.Correlations;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.outbound.multiplex.MultiplexSettings;
import io.github.tcpadapter.tls.TlsContext;
import io.github.tcpadapter.tls.TlsSettings;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
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
public class TcpManagedConnectionFactory extends ConversationProperties
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TcpManagedConnectionFactory.class.getName());
    private static final int MAX_MULTIPLEXED_CONNECTIONS = 64;
    private static final String DEFAULT_HOST = "localhost";

    @ConfigProperty(defaultValue = DEFAULT_HOST, description = "Host name or IP address of the TCP peer, or a "
            + "comma-separated list of host or host:port entries to fail over between.")
    private String host = DEFAULT_HOST;

    @ConfigProperty(description = "TCP port of the peer, for host entries that name none.")
    private Integer port;

    @ConfigProperty(defaultValue = "10000", description = "How long opening a connection to one host may take, "
            + "looking up its name included, in ms.")
    private Integer connectTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "30000", description = "How long a request waits for its whole reply, in ms.")
    private Integer readTimeoutMillis = 30_000;

    @ConfigProperty(defaultValue = "30000", description = "How long writing one frame may wait for a peer that "
            + "does not take the bytes, in ms.")
    private Integer writeTimeoutMillis = 30_000;

    @ConfigProperty(defaultValue = "false",
            description = "Spread new connections over all hosts in turn instead of preferring the first.")
    private Boolean loadBalance = false;

    @ConfigProperty(defaultValue = "5000",
            description = "How long a host that could not be connected is tried only after the others, in ms.")
    private Integer retryIntervalMillis = 5_000;

    @ConfigProperty(defaultValue = "false", description = "SO_KEEPALIVE: let the OS probe idle connections.")
    private Boolean keepAlive = false;

    @ConfigProperty(defaultValue = "true", description = "TCP_NODELAY: send small frames at once.")
    private Boolean tcpNoDelay = true;

    @ConfigProperty(description = "SO_SNDBUF in bytes; unset leaves the OS default.")
    private Integer sendBufferSize;

    @ConfigProperty(description = "SO_RCVBUF in bytes; unset leaves the OS default.")
    private Integer receiveBufferSize;

    @ConfigProperty(description = "SO_LINGER in seconds: how long closing waits for unsent data; unset leaves "
            + "the OS default.")
    private Integer soLinger;

    @ConfigProperty(description = "Local address to connect from; unset lets the OS choose.")
    private String localAddress;

    @ConfigProperty(defaultValue = "true", description = "With ssl=true: the peer's certificate must name the "
            + "configured host name or IP address. Turn off only for testing.")
    private Boolean hostnameVerification = true;

    @ConfigProperty(description = "Instead of sockets of its own: the port of a listener of this adapter (a "
            + "client-mode listener, connectTo) whose links carry the factory's requests. request and requestAsync go "
            + "to its sessions, paired by the listener's correlation, and frames that answer no request go to its "
            + "message-driven bean. host, correlation and the heartbeat are the listener's then.")
    private Integer listenerLinks;

    @ConfigProperty(defaultValue = "2", description = "With correlation other than NONE: how many sockets the "
            + "factory's requestAsync calls share (the pool's maxPoolSize does not bound them).")
    private Integer multiplexedConnections = 2;

    // the TLS context of the configuration it was built for: the stores are read once, not per connection
    private transient volatile OpenedTls openedTls;
    private transient volatile HostResolver resolver;
    private transient ResourceAdapter resourceAdapter;
    private transient FactoryRegistry factories; // guarded by this
    private transient PrintWriter logWriter;
    // the key kinds the correlation property may name, for tests; null: the built-in ones (Correlations)
    private transient Function<String, Optional<TcpCorrelation>> keyKinds;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        validate(); // and the configuration is in use from now on (see FactoryRegistry)
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
        Connector connector = connector(true);
        try {
            // a multiplexed factory's connections share its links: they open no socket of their own
            return new TcpManagedConnection(this, connector, multiplexed() ? null : connector.connect());
        } catch (ResourceException | RuntimeException e) {
            released(connector, true);
            throw e;
        }
    }

    /**
     * The pool destroyed a connection of this factory's.
     *
     * @param broken whether it broke, rather than the pool letting go of a working connection
     */
    void released(Connector connector, boolean broken) {
        factories().release(connector.management(), broken);
    }

    // the registry of the adapter instance this factory is associated with, or its own outside a server
    private synchronized FactoryRegistry factories() {
        if (factories == null) {
            factories = resourceAdapter instanceof FactoryRegistry.Owner owner ? owner.factories()
                    : new FactoryRegistry(false);
        }
        return factories;
    }

    /** @return the connections of {@code connections} that are broken, or whose peer closed or reset them */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // the connector API's signature
    public Set getInvalidConnections(Set connections) {
        Set<Object> invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof TcpManagedConnection connection && !connection.isValid()) {
                invalid.add(connection);
            }
        }
        return invalid;
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
     * @return the connector the properties describe
     * @throws jakarta.resource.spi.InvalidPropertyException naming the first property with a bad value
     */
    Connector validate() throws ResourceException {
        return connector(false);
    }

    /** @param forConnection whether the connector opens a new managed connection, which holds the configuration */
    private Connector connector(boolean forConnection) throws ResourceException {
        PropertyCheck.positive("readTimeoutMillis", readTimeoutMillis);
        PropertyCheck.positive("writeTimeoutMillis", writeTimeoutMillis);
        charset();
        List<Target> targets = listenerLinks == null ? Target.parseAll(host, port) : checkListenerLinks();
        int connectTimeout = PropertyCheck.positive("connectTimeoutMillis", connectTimeoutMillis);
        int retryInterval = PropertyCheck.between("retryIntervalMillis", retryIntervalMillis, 0, Integer.MAX_VALUE);
        SocketOptions options = socketOptions();
        Framing framing = framing();
        ClientTls tls = clientTls();
        MultiplexSettings multiplexing = multiplexing(framing, retryInterval);
        Supplier<FactoryManagement> created = () -> new FactoryManagement(this,
                new HostSelector(targets, Boolean.TRUE.equals(loadBalance), retryInterval, System::nanoTime), framing,
                multiplexing);
        FactoryManagement management = forConnection ? factories().acquire(configuration(), created)
                : factories().management(configuration(), created);
        return new Connector(management.selector(), resolver(), options, connectTimeout, framing, tls, management);
    }

    /** @return how {@code requestAsync} multiplexes, or {@code null} in pooled synchronous mode */
    private MultiplexSettings multiplexing(Framing framing, int retryIntervalMillis) throws ResourceException {
        String kind = correlationKind();
        int links = PropertyCheck.between("multiplexedConnections", multiplexedConnections, 1,
                MAX_MULTIPLEXED_CONNECTIONS);
        int inFlight = maxInFlightChoice();
        Heartbeat heartbeat = heartbeat(framing);
        if (kind.equals(NONE)) {
            if (heartbeat != null) {
                throw PropertyCheck.invalid("heartbeatIntervalMillis", getHeartbeatIntervalMillis(), "applies to the "
                        + "shared sockets of requestAsync only: set correlation (IN_ORDER or a key kind)");
            }
            return null;
        }
        Optional<TcpCorrelation> keys = keys(kind, keyKinds);
        checkHeartbeatKey(heartbeat, keys, kind);
        return new MultiplexSettings(target(), kind, keys, links, inFlight, framing, retryIntervalMillis,
                heartbeat);
    }


    /**
     * Replaces the built-in key kinds of {@code correlation} ({@link Correlations}), for tests.
     *
     * @param kinds the correlation of a kind (upper case), or empty if the kind is unknown
     */
    void keyKinds(Function<String, Optional<TcpCorrelation>> kinds) {
        this.keyKinds = kinds;
    }

    /** @return whether the factory's connections share sockets (its own or a listener's) instead of owning one */
    private boolean multiplexed() {
        return listenerLinks != null || !NONE.equalsIgnoreCase(String.valueOf(getCorrelation()).trim());
    }

    /**
     * With listenerLinks, the listener is the one that connects and pairs: the properties that would say otherwise
     * are refused rather than ignored.
     *
     * @return no targets of the factory's own
     */
    private List<Target> checkListenerLinks() throws InvalidPropertyException {
        PropertyCheck.port("listenerLinks", listenerLinks);
        String because = "does not apply with listenerLinks (" + listenerLinks + "): the listener's ";
        // host has a default: only another value says the factory was meant to connect itself
        if (host != null && !host.isBlank() && !host.equals(DEFAULT_HOST)) {
            throw PropertyCheck.invalid("host", host, because + "connectTo names the peers; unset it");
        }
        if (!NONE.equalsIgnoreCase(String.valueOf(getCorrelation()).trim())) {
            throw PropertyCheck.invalid("correlation", getCorrelation(), because + "correlation pairs the replies; "
                    + "set it on the listener");
        }
        if (getHeartbeatIntervalMillis() != null && getHeartbeatIntervalMillis() != 0) {
            throw PropertyCheck.invalid("heartbeatIntervalMillis", getHeartbeatIntervalMillis(), because
                    + "heartbeat keeps the links; set it on the listener");
        }
        return List.of();
    }

    /** Sends the request on one of the listener's links, chosen at random: they share the load alike. */
    private CompletionStage<byte[]> overListenerLinks(byte[] payload, long timeoutMillis) {
        if (!(resourceAdapter instanceof TcpSessions sessions)) {
            return CompletableFuture.failedStage(new ResourceException("listenerLinks needs the factory associated "
                    + "with the adapter whose listener on port " + listenerLinks + " holds the links"));
        }
        List<TcpSession> links = List.copyOf(sessions.openSessions(listenerLinks));
        if (links.isEmpty()) {
            return CompletableFuture.failedStage(new ResourceException("No link of the listener on port "
                    + listenerLinks + " is connected (listenerLinks); nothing written"));
        }
        TcpSession link = links.get(ThreadLocalRandom.current().nextInt(links.size()));
        return link.requestAsync(payload, Duration.ofMillis(timeoutMillis)).thenApply(TcpMessage::payload);
    }

    /**
     * The blocking request of a multiplexed factory's connection: on the shared links, waiting for the reply.
     *
     * @param connector the connector of the configuration (its management holds the links)
     * @throws TcpTimeoutException if no reply came within the timeout
     * @throws ResourceException as the stage of {@link #requestAsync} would complete
     */
    byte[] request(Connector connector, byte[] payload, long timeoutMillis) throws ResourceException {
        try {
            // the stage ends by its own timeout; the bound here only keeps a lost completion from holding the caller
            return requestAsync(connector, payload, timeoutMillis).toCompletableFuture()
                    .get(timeoutMillis + connectTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceException failure) {
                throw failure;
            }
            throw new ResourceException("Request to " + target() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceException("Interrupted while waiting for the reply from " + target(), e);
        } catch (TimeoutException e) {
            throw new TcpTimeoutException("No reply from " + target() + " within " + timeoutMillis + " ms", e);
        }
    }

    /**
     * Sends a request on the configuration's shared links; see {@link TcpConnection#requestAsync}.
     *
     * @param connector the connector of the configuration (its management holds the links)
     */
    CompletionStage<byte[]> requestAsync(Connector connector, byte[] payload, long timeoutMillis) {
        if (!multiplexed()) {
            return CompletableFuture.failedStage(new ResourceException("requestAsync needs a multiplexed factory: "
                    + "set the connection factory property correlation to IN_ORDER or a key kind (it is NONE, "
                    + "pooled synchronous mode), or listenerLinks"));
        }
        if (listenerLinks != null) {
            return overListenerLinks(payload, timeoutMillis);
        }
        return connector.management().multiplexer(connector::dial, factories().works())
                .map(links -> links.request(payload, timeoutMillis))
                .orElseGet(() -> CompletableFuture.failedStage(new ResourceException("The connections to "
                        + target() + " are closed: the connection factory stopped")));
    }

    private HostResolver resolver() {
        if (resolver == null) {
            resolver = new HostResolver(InetAddress::getAllByName);
        }
        return resolver;
    }

    /** Replaces the JDK's name service, for tests. */
    void resolveNamesWith(HostResolver.NameService names) {
        resolver = new HostResolver(names);
    }

    /** @return the TLS of the connections, or {@code null} with {@code ssl} off */
    private ClientTls clientTls() throws ResourceException {
        TlsSettings settings = tlsSettings(false);
        if (settings == null) {
            return null;
        }
        return new ClientTls(tlsContext(settings), !Boolean.FALSE.equals(hostnameVerification));
    }

    // this runs for every new connection: the context is built again only when the configuration changed
    private TlsContext tlsContext(TlsSettings settings) throws ResourceException {
        OpenedTls opened = openedTls;
        if (opened != null && opened.settings().equals(settings)) {
            return opened.context();
        }
        TlsContext context = TlsContext.open(settings, "Outbound connections to " + target());
        openedTls = new OpenedTls(settings, context);
        LOG.config(() -> "Outbound connections to " + target() + " use " + settings);
        if (Boolean.FALSE.equals(hostnameVerification)) {
            LOG.warning(() -> "Outbound connections to " + target() + " accept any certificate the trust store "
                    + "trusts, whatever host it names (hostnameVerification=false): for testing only");
        }
        return context;
    }

    /** A TLS context and the settings it was built from. */
    private record OpenedTls(TlsSettings settings, TlsContext context) {
    }

    private SocketOptions socketOptions() throws ResourceException {
        return new SocketOptions(Boolean.TRUE.equals(keepAlive), !Boolean.FALSE.equals(tcpNoDelay),
                optionalPositive("sendBufferSize", sendBufferSize),
                optionalPositive("receiveBufferSize", receiveBufferSize),
                soLinger == null ? null : PropertyCheck.between("soLinger", soLinger, 0, 65_535),
                localInetAddress());
    }

    private static Integer optionalPositive(String property, Integer value) throws ResourceException {
        return value == null ? null : PropertyCheck.positive(property, value);
    }

    private InetAddress localInetAddress() throws ResourceException {
        if (localAddress == null || localAddress.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(localAddress.trim());
        } catch (UnknownHostException e) {
            throw PropertyCheck.invalid("localAddress", localAddress, "is not a known address");
        }
    }

    /** @return the adapter's name and version, and the configured peer */
    TcpMetaData metaData() {
        return AdapterProduct.metaData(target());
    }

    /** @return the configured peer: {@code host:port}, or a list of them */
    String target() {
        if (listenerLinks != null) {
            return "the links of listener " + listenerLinks;
        }
        try {
            return Target.parseAll(host, port).stream().map(Target::toString).collect(Collectors.joining(", "));
        } catch (InvalidPropertyException e) {
            return host; // not validated yet
        }
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    int writeTimeoutMillis() {
        return writeTimeoutMillis;
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

    public Integer getWriteTimeoutMillis() {
        return writeTimeoutMillis;
    }

    public void setWriteTimeoutMillis(Integer writeTimeoutMillis) {
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    public Boolean getLoadBalance() {
        return loadBalance;
    }

    public void setLoadBalance(Boolean loadBalance) {
        this.loadBalance = loadBalance;
    }

    public Integer getRetryIntervalMillis() {
        return retryIntervalMillis;
    }

    public void setRetryIntervalMillis(Integer retryIntervalMillis) {
        this.retryIntervalMillis = retryIntervalMillis;
    }

    public Boolean getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    public Boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    public void setTcpNoDelay(Boolean tcpNoDelay) {
        this.tcpNoDelay = tcpNoDelay;
    }

    public Integer getSendBufferSize() {
        return sendBufferSize;
    }

    public void setSendBufferSize(Integer sendBufferSize) {
        this.sendBufferSize = sendBufferSize;
    }

    public Integer getReceiveBufferSize() {
        return receiveBufferSize;
    }

    public void setReceiveBufferSize(Integer receiveBufferSize) {
        this.receiveBufferSize = receiveBufferSize;
    }

    public Integer getSoLinger() {
        return soLinger;
    }

    public void setSoLinger(Integer soLinger) {
        this.soLinger = soLinger;
    }

    public Boolean getHostnameVerification() {
        return hostnameVerification;
    }

    public void setHostnameVerification(Boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    public Integer getListenerLinks() {
        return listenerLinks;
    }

    public void setListenerLinks(Integer listenerLinks) {
        this.listenerLinks = listenerLinks;
    }

    public Integer getMultiplexedConnections() {
        return multiplexedConnections;
    }

    public void setMultiplexedConnections(Integer multiplexedConnections) {
        this.multiplexedConnections = multiplexedConnections;
    }

    public String getLocalAddress() {
        return localAddress;
    }

    public void setLocalAddress(String localAddress) {
        this.localAddress = localAddress;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public synchronized void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
        this.factories = null;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    // The connector contract requires equality by configuration: the pool keys connections on it. The server may
    // compare factories at every checkout, so this compares part by part rather than building configuration().
    @Override
    public boolean equals(Object other) {
        return other instanceof TcpManagedConnectionFactory that && configuration().equals(that.configuration());
    }

    @Override
    public int hashCode() {
        return configuration().hashCode();
    }

    /** @return every property's value now: equal lists make equal factories */
    List<Object> configuration() {
        return List.of(connectionValues(), conversationValues(), framingValues(), tlsValues());
    }

    private List<Object> connectionValues() {
        return Arrays.asList(host, port, connectTimeoutMillis, readTimeoutMillis, writeTimeoutMillis, loadBalance,
                retryIntervalMillis, keepAlive, tcpNoDelay, sendBufferSize, receiveBufferSize, soLinger, localAddress,
                hostnameVerification, multiplexedConnections, listenerLinks);
    }
}
