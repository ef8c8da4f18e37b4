package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.config.FramingProperties;
import io.github.tcpadapter.inbound.admission.AddressRanges;
import io.github.tcpadapter.inbound.admission.ListenerSecurity;
import io.github.tcpadapter.inbound.admission.ProxyProtocol;
import io.github.tcpadapter.inbound.delivery.DeliveryMode;
import io.github.tcpadapter.inbound.delivery.OnError;
import io.github.tcpadapter.tls.ClientAuth;
import io.github.tcpadapter.tls.TlsSettings;
import io.github.tcpadapter.config.HostList;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.conversation.ConversationProperties;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The activation configuration of a {@link TcpMessageListener} bean, set with {@code @ActivationConfigProperty}:
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "port", propertyValue = "9000"),
 *     @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1"),
 *     @ActivationConfigProperty(propertyName = "idleTimeoutMillis", propertyValue = "60000")
 * })
 * }</pre>
 *
 * <p>Besides the properties here, the framing properties of {@link FramingProperties} apply to received frames
 * and replies, and the TLS properties of {@link TlsProperties} secure the connections.
 */
@Activation(messageListeners = TcpMessageListener.class)
public class TcpActivationSpec extends ConversationProperties implements ActivationSpec {

    private static final long serialVersionUID = 1L;

    private static final int MAX = Integer.MAX_VALUE;
    /** ioThreads 0 gives one event loop per processor, up to this many. */
    static final int AUTO_IO_THREADS_MAX = 16;
    private static final int MAX_IO_THREADS = 256;
    /** Without an allowlist, no one address may take more than this many of the listener's connections. */
    static final int DEFAULT_PER_ADDRESS = 100;

    @ConfigProperty(description = "TCP port to listen on. Required.")
    private Integer port;

    @ConfigProperty(defaultValue = "0.0.0.0", description = "Local address to listen on; 0.0.0.0 means all.")
    private String bindAddress = "0.0.0.0";

    @ConfigProperty(defaultValue = "0", description = "How many connections may be delivering frames to the bean "
            + "at once; 0 means as many as the server's work manager gives.")
    private Integer maxConcurrency = 0;

    @ConfigProperty(defaultValue = "16", description = "How many received frames one connection may have waiting "
            + "for the bean; beyond that the listener stops reading from that connection until the bean catches up.")
    private Integer maxPendingFrames = 16;

    @ConfigProperty(defaultValue = "33554432", description = "How many received bytes (frames waiting for the "
            + "bean and bytes not decoded yet) all connections of the listener together may hold; beyond that the "
            + "listener stops reading from the connections holding the most until the bean catches up.")
    private Integer maxPendingBytes = 32 << 20;

    @ConfigProperty(defaultValue = "30000", description = "How long a client may leave replies and pushes unread "
            + "once its socket is full, in milliseconds; then it is closed as a slow consumer. Also bounds how long "
            + "TcpSession.send waits.")
    private Integer writeTimeoutMillis = 30_000;

    @ConfigProperty(defaultValue = "10000", description = "How many connections may be open at once; further "
            + "connections are closed at once and counted in a summary log line.")
    private Integer maxConnections = 10_000;

    @ConfigProperty(description = "How many connections one client address (the one a PROXY header names, "
            + "if any) may have open at once; further connections from it are closed at once and counted. 0 means "
            + "no limit of its own. Unset: " + DEFAULT_PER_ADDRESS + " when allowedClients is unset, else no limit.")
    private Integer maxConnectionsPerAddress;

    @ConfigProperty(defaultValue = "0", description = "Closes a connection when nothing was read from it or written "
            + "to it for this many milliseconds, unless the bean is busy with its frames; 0 means never.")
    private Integer idleTimeoutMillis = 0;

    @ConfigProperty(defaultValue = "128", description = "Length of the queue of connections waiting to be "
            + "accepted.")
    private Integer backlog = 128;

    @ConfigProperty(defaultValue = "CLOSE", description = "When the bean throws on a frame: CLOSE closes that "
            + "connection, CONTINUE goes on with its next frame. Either way the failure is logged.")
    private String onError = OnError.CLOSE.name();

    @ConfigProperty(defaultValue = "10000", description = "On undeployment, how long to wait for the frames being "
            + "delivered before closing the connections, in milliseconds.")
    private Integer shutdownTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "true", description = "Use the native epoll transport on Linux when available; "
            + "false, or elsewhere, uses Java NIO.")
    private Boolean nativeTransport = true;

    @ConfigProperty(defaultValue = "0", description = "How many event-loop threads (each a thread of the server's "
            + "work manager for as long as the listener runs) serve the connections' I/O and TLS, connections spread "
            + "across them in turn; 0 means one per processor, at most " + AUTO_IO_THREADS_MAX + ". A client-mode "
            + "listener (connectTo) has one.")
    private Integer ioThreads = 0;

    @ConfigProperty(defaultValue = "HANDOFF", description = "Which thread calls the bean: HANDOFF a work of the "
            + "server's work manager (the I/O thread never waits for the bean), INLINE the I/O thread itself, which "
            + "saves two thread hand-offs per frame; for fast beans only: a call longer than inlineMaxMillis sends "
            + "the calls to works for a while, but holds its I/O thread (and its connections) until it returns.")
    private String delivery = DeliveryMode.HANDOFF.name();

    @ConfigProperty(defaultValue = "10", description = "With delivery=INLINE: how long one call of the bean may take "
            + "on the I/O thread, in milliseconds, before the listener delivers on works instead: for 1 s, doubling "
            + "with each further slow call up to 1 min.")
    private Integer inlineMaxMillis = 10;

    @ConfigProperty(description = "SO_SNDBUF of accepted connections in bytes; unset leaves the OS default (which "
            + "grows to megabytes on Linux before a client that does not read fills it).")
    private Integer sendBufferSize;

    @ConfigProperty(description = "SO_RCVBUF of accepted connections in bytes; unset leaves the OS default.")
    private Integer receiveBufferSize;

    @ConfigProperty(defaultValue = "NONE", description = "With ssl=true: NONE asks clients for no certificate, "
            + "WANT asks for one and refuses an untrusted one, NEED serves only clients with a trusted certificate "
            + "(mutual TLS). WANT and NEED need a trustStore.")
    private String clientAuth = ClientAuth.NONE.name();

    @ConfigProperty(defaultValue = "false", description = "With clientAuth WANT or NEED and no trustStore: true "
            + "trusts the client certificates that the server's default trust store trusts (javax.net.ssl.trustStore, "
            + "else the JVM's cacerts: every public certificate authority). False refuses to start without a "
            + "trustStore, so that mutual TLS is not open to any certificate a public authority signed.")
    private Boolean trustDefaultCertificateAuthorities = false;

    @ConfigProperty(defaultValue = "4", description = "With ssl=true: how many TLS handshakes may compute at once "
            + "(key exchange, signatures, certificate checks), each on a thread of the server's work manager rather "
            + "than the listener's event loop; further handshakes wait their turn with their reading paused.")
    private Integer maxConcurrentHandshakes = 4;

    @ConfigProperty(description = "The clients served, as comma-separated IPv4/IPv6 addresses and CIDR ranges "
            + "(10.0.0.0/8, ::1); others are closed before anything is read. Unset serves any address.")
    private String allowedClients;

    @ConfigProperty(defaultValue = "OFF", description = "PROXY protocol (v1 and v2) of TCP load balancers: OFF, "
            + "OPTIONAL (trusted balancers may send the header) or REQUIRED (every connection must come from a "
            + "trusted balancer with the header). The client address it carries is the session's remoteAddress.")
    private String proxyProtocol = ProxyProtocol.OFF.name();

    @ConfigProperty(description = "The load balancers that may send a PROXY protocol header, as addresses and "
            + "CIDR ranges like allowedClients; required unless proxyProtocol is OFF.")
    private String proxyTrustedAddresses;

    @ConfigProperty(description = "Client mode: the peers to connect out to instead of listening, as comma-separated "
            + "host:port entries ([v6]:port for IPv6), tried in order. The link is kept up, reconnecting with backoff, "
            + "and served like an accepted connection. port then only names the listener (sessions, captures, JMX).")
    private String connectTo;

    @ConfigProperty(defaultValue = "10000", description = "With connectTo: how long one connection attempt may take, "
            + "in milliseconds; then the next peer is tried.")
    private Integer connectTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "30000", description = "With connectTo: the longest wait between two rounds of "
            + "connection attempts, in milliseconds; waits start at 100 ms and double up to it.")
    private Integer reconnectMaxMillis = 30_000;

    @ConfigProperty(defaultValue = "true", description = "With connectTo and ssl: whether the peer's certificate "
            + "must name the host it is reached by (as in connectTo). Turn it off for testing only.")
    private Boolean hostnameVerification = true;




    private transient ResourceAdapter resourceAdapter;

    /**
     * @return the validated settings of the listener
     * @throws InvalidPropertyException naming the first property with a bad value
     */
    public ListenerSettings settings() throws InvalidPropertyException {
        ClientMode clientMode = clientMode(); // first: it explains why some properties do not apply
        DeliveryMode deliveryMode = PropertyCheck.oneOf("delivery", delivery, DeliveryMode.class);
        return new ListenerSettings(
                PropertyCheck.notBlank("bindAddress", bindAddress),
                PropertyCheck.port("port", port),
                framing(),
                charset(),
                PropertyCheck.positive("backlog", backlog),
                PropertyCheck.positive("maxConnections", maxConnections),
                maxConnectionsPerAddressChoice(),
                PropertyCheck.between("maxConcurrency", maxConcurrency, 0, MAX),
                PropertyCheck.positive("maxPendingFrames", maxPendingFrames),
                PropertyCheck.positive("maxPendingBytes", maxPendingBytes),
                PropertyCheck.between("idleTimeoutMillis", idleTimeoutMillis, 0, MAX),
                PropertyCheck.positive("writeTimeoutMillis", writeTimeoutMillis),
                onErrorChoice(),
                PropertyCheck.between("shutdownTimeoutMillis", shutdownTimeoutMillis, 0, MAX),
                nativeTransportChoice(),
                sendBufferSize == null ? 0 : PropertyCheck.positive("sendBufferSize", sendBufferSize),
                receiveBufferSize == null ? 0 : PropertyCheck.positive("receiveBufferSize", receiveBufferSize),
                security(),
                clientMode,
                pairing(),
                ioThreadsChoice(clientMode),
                deliveryMode,
                PropertyCheck.between("inlineMaxMillis", inlineMaxMillis, 1, MAX));
    }

    /** @return the event loops to run; for 0, one per processor, at most {@value #AUTO_IO_THREADS_MAX} */
    private int ioThreadsChoice(ClientMode clientMode) throws InvalidPropertyException {
        int threads = PropertyCheck.between("ioThreads", ioThreads, 0, MAX_IO_THREADS);
        if (clientMode != null && threads > 1) {
            throw PropertyCheck.invalid("ioThreads", threads, "applies to a listener that accepts: a client-mode "
                    + "listener (connectTo) serves its one link on one event loop");
        }
        if (clientMode != null) {
            return 1;
        }
        return threads > 0 ? threads : autoIoThreads(Runtime.getRuntime().availableProcessors());
    }

    static int autoIoThreads(int processors) {
        return Math.max(1, Math.min(processors, AUTO_IO_THREADS_MAX));
    }

    /** @return how requestAsync on the sessions pairs replies, or null when correlation is NONE */
    private ReplyPairing pairing() throws InvalidPropertyException {
        String kind = correlationKind();
        int inFlight = maxInFlightChoice();
        return kind.equals(NONE) ? null : new ReplyPairing(kind, keys(kind, null), inFlight);
    }

    /** @return how a client-mode listener connects, or null when connectTo is unset */
    private ClientMode clientMode() throws InvalidPropertyException {
        Heartbeat heartbeat = heartbeat(framing());
        if (connectTo == null || connectTo.isBlank()) {
            if (heartbeat != null) {
                throw PropertyCheck.invalid("heartbeatIntervalMillis", getHeartbeatIntervalMillis(), "applies to a "
                        + "client-mode listener only (connectTo): an accepted connection's client keeps it alive, "
                        + "idleTimeoutMillis closes it when quiet");
            }
            return null;
        }
        // properties of accepting connections: set with connectTo, they would mislead (an allowlist nobody checks)
        refuseWithConnectTo("allowedClients", allowedClients);
        refuseWithConnectTo("proxyTrustedAddresses", proxyTrustedAddresses);
        refuseWithConnectTo("maxConnectionsPerAddress", maxConnectionsPerAddress);
        if (!ProxyProtocol.OFF.name().equalsIgnoreCase(proxyProtocol)) {
            refuseWithConnectTo("proxyProtocol", proxyProtocol);
        }
        if (!ClientAuth.NONE.name().equalsIgnoreCase(clientAuth)) {
            refuseWithConnectTo("clientAuth", clientAuth);
        }
        return new ClientMode(HostList.parse("connectTo", connectTo, null, null),
                PropertyCheck.positive("connectTimeoutMillis", connectTimeoutMillis),
                PropertyCheck.positive("reconnectMaxMillis", reconnectMaxMillis),
                !Boolean.FALSE.equals(hostnameVerification), heartbeat);
    }

    private void refuseWithConnectTo(String property, Object value) throws InvalidPropertyException {
        if (value != null) {
            throw PropertyCheck.invalid(property, value, "does not apply with connectTo (" + connectTo + "): a "
                    + "client-mode listener accepts no connections; unset it");
        }
    }

    private ListenerSecurity security() throws InvalidPropertyException {
        ProxyProtocol proxy = PropertyCheck.oneOf("proxyProtocol", proxyProtocol, ProxyProtocol.class);
        AddressRanges trusted = AddressRanges.parse("proxyTrustedAddresses", proxyTrustedAddresses, null);
        if (proxy != ProxyProtocol.OFF && trusted == null) {
            throw PropertyCheck.invalid("proxyTrustedAddresses", null, "is required with proxyProtocol=" + proxy
                    + ": only the load balancers listed there may send a PROXY header");
        }
        // a client-mode listener is the TLS client: a certificate of its own only if the peer asks for one
        TlsSettings tls = tlsSettings(connectTo == null || connectTo.isBlank());
        ClientAuth auth = PropertyCheck.oneOf("clientAuth", clientAuth, ClientAuth.class);
        boolean trustDefault = Boolean.TRUE.equals(trustDefaultCertificateAuthorities);
        if (tls != null && auth != ClientAuth.NONE && !hasTrustStore() && !trustDefault) {
            throw PropertyCheck.invalid("trustStore", null, "is required with clientAuth=" + auth + ": without it "
                    + "any certificate signed by an authority of the server's default trust store (javax.net.ssl."
                    + "trustStore, else the JVM's cacerts: every public authority) would be trusted. Name the store "
                    + "of the authorities that sign your clients' certificates, or set "
                    + "trustDefaultCertificateAuthorities=true if the default trust store is meant");
        }
        return new ListenerSecurity(tls, auth, trustDefault && auth != ClientAuth.NONE,
                AddressRanges.parse("allowedClients", allowedClients, AddressRanges.ANY), proxy,
                trusted == null ? AddressRanges.ANY : trusted,
                PropertyCheck.positive("sslHandshakeTimeoutMillis", getSslHandshakeTimeoutMillis()),
                PropertyCheck.positive("maxConcurrentHandshakes", maxConcurrentHandshakes));
    }


    private int maxConnectionsPerAddressChoice() throws InvalidPropertyException {
        if (maxConnectionsPerAddress != null) {
            return PropertyCheck.between("maxConnectionsPerAddress", maxConnectionsPerAddress, 0, MAX);
        }
        // listed clients are known; an open listener must not let one source take every slot
        return allowedClients == null || allowedClients.isBlank() ? DEFAULT_PER_ADDRESS : 0;
    }

    private OnError onErrorChoice() throws InvalidPropertyException {
        return PropertyCheck.oneOf("onError", onError, OnError.class);
    }

    private boolean nativeTransportChoice() throws InvalidPropertyException {
        if (nativeTransport == null) {
            throw PropertyCheck.invalid("nativeTransport", null, "is required");
        }
        return nativeTransport;
    }

    @Override
    @SuppressWarnings("deprecation") // still called by servers that do not use Bean Validation
    public void validate() throws InvalidPropertyException {
        settings();
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(Integer maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public Integer getMaxPendingFrames() {
        return maxPendingFrames;
    }

    public void setMaxPendingFrames(Integer maxPendingFrames) {
        this.maxPendingFrames = maxPendingFrames;
    }

    public Integer getMaxPendingBytes() {
        return maxPendingBytes;
    }

    public void setMaxPendingBytes(Integer maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    public Integer getWriteTimeoutMillis() {
        return writeTimeoutMillis;
    }

    public void setWriteTimeoutMillis(Integer writeTimeoutMillis) {
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public void setMaxConnectionsPerAddress(Integer maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    public Integer getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public void setIdleTimeoutMillis(Integer idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    public Integer getBacklog() {
        return backlog;
    }

    public void setBacklog(Integer backlog) {
        this.backlog = backlog;
    }

    public String getOnError() {
        return onError;
    }

    public void setOnError(String onError) {
        this.onError = onError;
    }

    public Integer getShutdownTimeoutMillis() {
        return shutdownTimeoutMillis;
    }

    public void setShutdownTimeoutMillis(Integer shutdownTimeoutMillis) {
        this.shutdownTimeoutMillis = shutdownTimeoutMillis;
    }

    public Integer getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(Integer ioThreads) {
        this.ioThreads = ioThreads;
    }

    public String getDelivery() {
        return delivery;
    }

    public void setDelivery(String delivery) {
        this.delivery = delivery;
    }

    public Integer getInlineMaxMillis() {
        return inlineMaxMillis;
    }

    public void setInlineMaxMillis(Integer inlineMaxMillis) {
        this.inlineMaxMillis = inlineMaxMillis;
    }

    public Boolean getNativeTransport() {
        return nativeTransport;
    }

    public void setNativeTransport(Boolean nativeTransport) {
        this.nativeTransport = nativeTransport;
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

    public String getClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(String clientAuth) {
        this.clientAuth = clientAuth;
    }

    public Boolean getTrustDefaultCertificateAuthorities() {
        return trustDefaultCertificateAuthorities;
    }

    public void setTrustDefaultCertificateAuthorities(Boolean trustDefaultCertificateAuthorities) {
        this.trustDefaultCertificateAuthorities = trustDefaultCertificateAuthorities;
    }

    public Integer getMaxConcurrentHandshakes() {
        return maxConcurrentHandshakes;
    }

    public void setMaxConcurrentHandshakes(Integer maxConcurrentHandshakes) {
        this.maxConcurrentHandshakes = maxConcurrentHandshakes;
    }

    public String getAllowedClients() {
        return allowedClients;
    }

    public void setAllowedClients(String allowedClients) {
        this.allowedClients = allowedClients;
    }

    public String getProxyProtocol() {
        return proxyProtocol;
    }

    public void setProxyProtocol(String proxyProtocol) {
        this.proxyProtocol = proxyProtocol;
    }

    public String getProxyTrustedAddresses() {
        return proxyTrustedAddresses;
    }

    public void setProxyTrustedAddresses(String proxyTrustedAddresses) {
        this.proxyTrustedAddresses = proxyTrustedAddresses;
    }

    public String getConnectTo() {
        return connectTo;
    }

    public void setConnectTo(String connectTo) {
        this.connectTo = connectTo;
    }

    public Integer getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public Boolean getHostnameVerification() {
        return hostnameVerification;
    }

    public void setHostnameVerification(Boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    public Integer getReconnectMaxMillis() {
        return reconnectMaxMillis;
    }

    public void setReconnectMaxMillis(Integer reconnectMaxMillis) {
        this.reconnectMaxMillis = reconnectMaxMillis;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
