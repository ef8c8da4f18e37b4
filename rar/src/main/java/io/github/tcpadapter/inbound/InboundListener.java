package io.github.tcpadapter.inbound;

import io.github.tcpadapter.inbound.admission.ConnectionOpening;
import io.github.tcpadapter.inbound.admission.ConnectionsPerAddress;
import io.github.tcpadapter.inbound.admission.HandshakeReadHold;
import io.github.tcpadapter.inbound.admission.HandshakeWorks;
import io.github.tcpadapter.inbound.admission.RenegotiationGuard;
import io.github.tcpadapter.inbound.admission.ListenerSecurity;
import io.github.tcpadapter.inbound.admission.ProxyHeaderDetector;
import io.github.tcpadapter.inbound.admission.ProxyProtocol;
import io.github.tcpadapter.inbound.capture.FrameTaps;
import io.github.tcpadapter.inbound.delivery.ConnectionQueue;
import io.github.tcpadapter.inbound.delivery.DeliveryMode;
import io.github.tcpadapter.inbound.delivery.DeliveryScheduler;
import io.github.tcpadapter.inbound.delivery.EndpointDelivery;
import io.github.tcpadapter.inbound.delivery.InlineGuard;
import io.github.tcpadapter.inbound.delivery.LoopEndpoints;
import io.github.tcpadapter.inbound.delivery.NamedWorks;
import io.github.tcpadapter.inbound.delivery.OnError;
import io.github.tcpadapter.inbound.delivery.WorkTracker;
import io.github.tcpadapter.inbound.flow.ByteBudget;
import io.github.tcpadapter.inbound.flow.FrameDecoderHandler;
import io.github.tcpadapter.inbound.flow.ReadGate;
import io.github.tcpadapter.inbound.session.ChannelSession;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.conversation.HeartbeatCounters;
import io.github.tcpadapter.conversation.IdleHeartbeat;
import io.github.tcpadapter.conversation.CompletionWorks;
import io.github.tcpadapter.conversation.RequestCounters;
import io.github.tcpadapter.inbound.session.ListenerCounters;
import io.github.tcpadapter.inbound.session.SessionRequests;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import io.github.tcpadapter.metrics.SummarizedLog;
import io.github.tcpadapter.tls.TlsContext;
import io.github.tcpadapter.tls.TlsSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TCP listener of one message endpoint activation, on Netty: {@code ioThreads} event loops accept and serve
 * the connections' I/O, and delivery works (or, with {@code delivery=INLINE}, the event loops) call the bean. See the
 * package documentation for the design.
 */
public final class InboundListener implements ConnectionOpening.Listener, ConnectionQueue.Listener {

    private static final Logger LOG = Logger.getLogger(InboundListener.class.getName());
    // ending the event loop and handing its thread back takes milliseconds; this only bounds a broken server
    private static final long IO_SHUTDOWN_MILLIS = 5_000;
    /** How long binding may wait for the event loop's thread: a work manager with none free fails the start. */
    static final long BIND_MILLIS = 10_000;
    /** The most one read of a connection takes from its socket. */
    static final int MAX_READ_BYTES = 16 * 1024;
    // a slow callback of a requestAsync stage holds one; see CompletionWorks
    private static final int COMPLETION_WORKS = 4;
    private static final String ANY_ADDRESS = "0.0.0.0";
    // how often, at the least, calls on the I/O threads are checked for one that runs too long
    private static final long INLINE_WATCH_MILLIS = 100;
    private static final int MAX_PORT = 65_535;
    /** The system property that gives a server instance's port offset. */
    public static final String PORT_OFFSET_PROPERTY = "io.github.tcpadapter.portOffset";

    private final ListenerSettings settings;
    // the server instance's port offset: the listener binds port + offset, and is known by its port
    private final int portOffset;
    private final EndpointDelivery delivery;
    private final SessionRegistry registry;
    private FrameTaps taps;
    private final String name;
    private final String endpointName;
    private final NamedWorks ioWorks;
    private final NamedWorks deliveryWorks;
    private final NamedWorks tlsWorks;
    private final HandshakeWorks handshakeWorks;
    private final DeliveryScheduler scheduler;
    private final ByteBudget budget;
    private final SummarizedLog refusedConnections;
    private final SummarizedLog refusedPerAddress;
    private final SummarizedLog refusedClients;
    private final SummarizedLog handshakeFailures;
    private final SummarizedLog framingErrors;
    private final SummarizedLog slowConsumers;
    private final SummarizedLog idleClosed;
    private final SummarizedLog beanFailures;
    private final SummarizedLog inOrderTimeouts;
    private final CompletionWorks completions;
    private final RequestCounters requestCounters = new RequestCounters();
    // the open sessions and their queues
    private final Map<ChannelSession, ConnectionQueue> open = new ConcurrentHashMap<>();
    private final ListenerCounters counters = new ListenerCounters();
    private final HeartbeatCounters heartbeats = new HeartbeatCounters();
    private ListenerManagement management;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConnectionsPerAddress perAddress;
    // connections opened whose onDisconnect has not been made yet
    private final WorkTracker liveConnections = new WorkTracker();
    private volatile boolean stopping;
    // shared by the connections rather than one of each per connection: 10,000 idle connections add up
    private final ChannelFutureListener connectionClosed = closed -> connections.decrementAndGet();
    private final BooleanSupplier stoppingCheck = this::isStopping;
    private final Supplier<Optional<String>> member;
    private ListenerLoops eventLoop;
    // with delivery=INLINE: whether the bean is called on the I/O threads now
    private final InlineGuard inline;
    private final LoopEndpoints loopEndpoints;
    private TlsContext tls;
    private volatile Channel serverChannel;
    private ClientLink link;

    /**
     * @param settings where to listen, the framing and the limits
     * @param endpointFactory the message endpoint that receives the frames
     * @param workManager the server's work manager, which runs every thread of the listener
     * @param registry where the listener's open sessions are registered
     */
    public InboundListener(ListenerSettings settings, MessageEndpointFactory endpointFactory,
            WorkManager workManager, SessionRegistry registry) {
        this(settings, endpointFactory, workManager, registry, 0);
    }

    /**
     * @param settings where to listen, the framing and the limits
     * @param endpointFactory the message endpoint to deliver to
     * @param workManager the server's work manager, which runs every thread of the listener
     * @param registry where the listener's open sessions are registered
     * @param portOffset added to the port to bind (several instances of a server on one host); sessions, captures
     *     and the MBean keep the port
     */
    public InboundListener(ListenerSettings settings, MessageEndpointFactory endpointFactory,
            WorkManager workManager, SessionRegistry registry, int portOffset) {
        this.settings = settings;
        this.portOffset = portOffset;
        this.delivery = new EndpointDelivery(endpointFactory);
        this.registry = registry;
        this.member = registry::member;
        this.endpointName = EndpointName.of(endpointFactory);
        this.name = settings.clientMode() == null
                ? "TCP listener " + settings.bindAddress() + ":" + settings.port()
                        + (portOffset == 0 ? "" : " (bound to " + (settings.port() + portOffset) + ")") + " of "
                        + endpointName
                : "TCP client-mode listener " + settings.port() + " to " + settings.clientMode().peerList() + " of "
                        + endpointName;
        String threadName = "tcp-listener-" + settings.port();
        this.ioWorks = new NamedWorks(workManager, threadName + "-io", true);
        this.deliveryWorks = new NamedWorks(workManager, threadName + "-delivery", false);
        this.tlsWorks = new NamedWorks(workManager, threadName + "-tls", false);
        this.handshakeWorks = new HandshakeWorks(tlsWorks, settings.security().maxConcurrentHandshakes());
        this.completions = new CompletionWorks(new NamedWorks(workManager, threadName + "-completion", false),
                COMPLETION_WORKS, name);
        this.scheduler = new DeliveryScheduler(deliveryWorks, settings.maxConcurrency(),
                (task, delayMillis) -> eventLoop.schedule(task, delayMillis, TimeUnit.MILLISECONDS), this::isStopping);
        this.budget = new ByteBudget(settings.maxPendingBytes(), connections::get);
        this.refusedConnections = new SummarizedLog(LOG, Level.WARNING, name,
                "connections refused for maxConnections (" + settings.maxConnections() + ")");
        this.perAddress = new ConnectionsPerAddress(settings.maxConnectionsPerAddress());
        this.refusedPerAddress = new SummarizedLog(LOG, Level.WARNING, name,
                "connections refused for maxConnectionsPerAddress (" + settings.maxConnectionsPerAddress() + ")");
        this.refusedClients = new SummarizedLog(LOG, Level.WARNING, name,
                "connections refused by allowedClients or proxyProtocol");
        // a link's refused handshakes are its ClientLink's to log, with their cause, once per outage: not per attempt
        this.handshakeFailures = new SummarizedLog(LOG, settings.clientMode() == null ? Level.WARNING : Level.FINE,
                name, "connections closed while opening TLS or for renegotiating");
        this.framingErrors = new SummarizedLog(LOG, Level.WARNING, name, "connections closed for framing errors");
        this.slowConsumers = new SummarizedLog(LOG, Level.WARNING, name, "slow consumers closed");
        this.idleClosed = new SummarizedLog(LOG, Level.INFO, name, "idle connections closed");
        this.beanFailures = new SummarizedLog(LOG, Level.WARNING, name, "failures of the bean");
        this.inOrderTimeouts = new SummarizedLog(LOG, Level.WARNING, name,
                "connections closed for a request that timed out in order");
        this.inline = settings.delivery() == DeliveryMode.INLINE
                ? new InlineGuard(settings.inlineMaxMillis(), name)
                : null;
        this.loopEndpoints = new LoopEndpoints(delivery);
    }

    /**
     * Binds the port and starts accepting clients.
     *
     * @throws ResourceException if the port cannot be bound (for example it is in use), no thread is available or
     *     the TLS stores cannot be read
     */
    public void start() throws ResourceException {
        TlsSettings tlsSettings = settings.security().tls();
        tls = tlsSettings == null ? null : TlsContext.open(tlsSettings, name, tlsWorks);
        Transport transport = Transport.choose(settings.nativeTransport());
        eventLoop = transport.newEventLoops(settings.ioThreads(), ioWorks, loopEndpoints::releaseThisLoops);
        // every loop takes its thread now: the threads a listener holds do not grow with its connections, and a
        // work manager short of threads fails the start rather than a later connection
        if (!eventLoop.startAll(BIND_MILLIS)) {
            endEventLoop();
            throw new ResourceException("Cannot start " + name + ": the work manager gave the " + settings.ioThreads()
                    + " event loops (ioThreads) no thread within " + BIND_MILLIS + " ms (each listener needs them for "
                    + "as long as it runs)");
        }
        taps = registry.listening(settings.port());
        if (settings.clientMode() == null) {
            listen(transport);
        } else {
            connect(transport);
        }
        management = ListenerManagement.register(this, endpointName);
        eventLoop.scheduleAtFixedRate(this::flushLogs, SummarizedLog.INTERVAL_MILLIS, SummarizedLog.INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        if (inline != null) {
            // on every loop: a loop whose bean call runs too long cannot watch itself
            long period = Math.max(settings.inlineMaxMillis(), INLINE_WATCH_MILLIS);
            eventLoop.forEach(loop -> loop.scheduleAtFixedRate(inline::watch, period, period, TimeUnit.MILLISECONDS));
        }
        LOG.info(() -> name + " started (" + transport.name() + "; " + settings + ")");
    }

    private void listen(Transport transport) throws ResourceException {
        if (settings.port() + portOffset > MAX_PORT) {
            registry.stoppedListening(settings.port());
            endEventLoop();
            throw new ResourceException("Cannot listen on port " + settings.port() + " with the server's port offset "
                    + portOffset + " (" + PORT_OFFSET_PROPERTY + "): " + (settings.port() + portOffset) + " is above "
                    + MAX_PORT);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoop)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, settings.backlog())
                .option(ChannelOption.SO_REUSEADDR, true) // rebinding at once after a stop, despite TIME_WAIT
                // a client that shuts down its output still gets the replies to what it sent
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // one read is what a connection may add beyond maxPendingBytes before it is paused: keep it small
                .childOption(ChannelOption.RECVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        accept(channel);
                    }
                });
        if (settings.sendBufferSize() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferSize());
        }
        if (settings.receiveBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.receiveBufferSize()); // inherited by accepted sockets
        }
        ChannelFuture bound = bootstrap.bind(settings.bindAddress(), settings.port() + portOffset);
        if (!bound.awaitUninterruptibly(BIND_MILLIS)) {
            bound.cancel(false); // no bind if the event loop's work runs late after all; ending the loop closes all
            registry.stoppedListening(settings.port());
            endEventLoop();
            throw new ResourceException("Cannot listen on " + settings.bindAddress() + ":" + settings.port()
                    + ": the work manager gave the event loop no thread within " + BIND_MILLIS + " ms (each listener "
                    + "needs one for as long as it runs)");
        }
        try {
            serverChannel = bound.syncUninterruptibly().channel();
        } catch (Exception e) { // bind failures come unchecked from Netty, whatever their type
            registry.stoppedListening(settings.port());
            endEventLoop();
            throw new ResourceException("Cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + bindFailure(e), e);
        }
    }

    /** Client mode: starts the link on the event loop, failing like a bind when the loop gets no thread. */
    private void connect(Transport transport) throws ResourceException {
        ClientMode mode = settings.clientMode();
        // ClientLink resolves the peers: Netty's resolver hangs a listener on the event loop's end, which Netty runs
        // on a thread of its own, outside the work manager
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoop)
                .disableResolver()
                .channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) mode.connectTimeoutMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES));
        if (settings.sendBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, settings.sendBufferSize());
        }
        if (settings.receiveBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.receiveBufferSize());
        }
        if (!ANY_ADDRESS.equals(settings.bindAddress())) {
            bootstrap.localAddress(settings.bindAddress(), 0); // the local address to connect from
        }
        link = new ClientLink(mode, name, eventLoop.next(), bootstrap, this::openLink);
        if (!eventLoop.submit(link::start).awaitUninterruptibly(BIND_MILLIS)) {
            link.stop();
            registry.stoppedListening(settings.port());
            endEventLoop();
            throw new ResourceException("Cannot start " + name + ": the work manager gave the event loop no thread "
                    + "within " + BIND_MILLIS + " ms (each listener needs one for as long as it runs)");
        }
    }

    /**
     * On the event loop: serves a client-mode link like an accepted connection; over TLS once the handshake with
     * {@code peer} (its name checked against the certificate unless hostnameVerification is off) succeeds.
     *
     * @return completes when the link is a session, or fails with why it could not be
     */
    private Future<?> openLink(Channel channel, InetSocketAddress peer) {
        connections.incrementAndGet();
        channel.closeFuture().addListener(connectionClosed);
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        if (tls == null) {
            addHeartbeat(channel);
            open(channel, remote, List.of());
            return channel.eventLoop().newSucceededFuture(null);
        }
        // as for an accepted connection: the handshake's heavy work off the event loop, bounded in time
        HandshakeReadHold hold = new HandshakeReadHold(channel, handshakeWorks);
        SslHandler handler = new SslHandler(tls.clientEngine(peer.getHostString(), peer.getPort(),
                settings.clientMode().hostnameVerification()), false, hold);
        handler.setHandshakeTimeoutMillis(0); // the opening's timeout bounds the handshake
        channel.pipeline().addLast(hold, new RenegotiationGuard(handler, this::refuseRenegotiation), handler);
        addHeartbeat(channel); // behind TLS: the heartbeat is encrypted like any frame
        channel.pipeline().addLast(
                new ConnectionOpening(this, remote, false, false, true, settings.security().openingTimeoutMillis()));
        return handler.handshakeFuture();
    }

    private void addHeartbeat(Channel channel) {
        Heartbeat heartbeat = settings.clientMode().heartbeat();
        if (heartbeat != null) {
            channel.pipeline().addLast(new IdleHeartbeat(heartbeat, heartbeats, link::recycle));
        }
    }

    private void flushLogs() {
        for (SummarizedLog log : List.of(refusedConnections, refusedPerAddress, refusedClients, handshakeFailures,
                framingErrors, slowConsumers, idleClosed, beanFailures, inOrderTimeouts)) {
            log.flush();
        }
    }

    private static String bindFailure(Exception e) {
        String message = String.valueOf(e.getMessage());
        // epoll says "bind(..) failed with error(-98): Address already in use", NIO only the reason
        int reason = message.indexOf("): ");
        return message.startsWith("bind(") && reason > 0 ? message.substring(reason + 3) : message;
    }

    /**
     * Stops accepting (the port is released at once), stops reading, lets the frames already queued be delivered
     * and answered within {@code shutdownTimeoutMillis}, closes the connections (delivering their
     * {@code onDisconnect} within the same time), ends the event loop and returns once every thread is back.
     */
    public void stop() {
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.shutdownTimeoutMillis());
        try {
            if (link != null) {
                link.stop();
            } else if (!serverChannel.close().await(millisUntil(deadline))) {
                LOG.warning(() -> name + ": the listening socket still not closed after "
                        + settings.shutdownTimeoutMillis() + " ms (the event loop is busy or has no thread)");
            }
            open.keySet().forEach(session -> session.channel().config().setAutoRead(false));
            if (!scheduler.awaitIdle(millisUntil(deadline))) {
                LOG.warning(() -> name + ": frames still being delivered after " + settings.shutdownTimeoutMillis()
                        + " ms; closing the connections anyway");
            }
            List<ChannelFuture> closing = open.keySet().stream().map(ChannelSession::closeNow).toList();
            long unclosed = 0;
            for (ChannelFuture closed : closing) {
                unclosed += closed.await(millisUntil(deadline)) ? 0 : 1;
            }
            if (unclosed > 0) {
                long count = unclosed;
                LOG.warning(() -> name + ": " + count + " connections still not closed after "
                        + settings.shutdownTimeoutMillis() + " ms");
            }
            if (!liveConnections.awaitNone(millisUntil(deadline))) {
                LOG.warning(() -> name + ": onDisconnect calls still running after "
                        + settings.shutdownTimeoutMillis() + " ms");
            }
            endEventLoop();
            if (!tlsWorks.awaitNone(millisUntil(deadline))) {
                LOG.warning(() -> name + ": TLS handshake tasks still running after "
                        + settings.shutdownTimeoutMillis() + " ms");
            }
            if (!deliveryWorks.awaitNone(millisUntil(deadline))) {
                LOG.warning(() -> name + ": deliveries still running after " + settings.shutdownTimeoutMillis()
                        + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning(() -> name + ": interrupted while stopping");
        }
        flushLogs();
        registry.stoppedListening(settings.port());
        if (management != null) {
            management.unregister();
        }
        LOG.info(() -> name + " stopped");
    }

    private static long millisUntil(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** Ends the event loops and waits until their threads are handed back to the work manager. */
    private void endEventLoop() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IO_SHUTDOWN_MILLIS);
        eventLoop.shutdownGracefully(0, IO_SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
        boolean ended = eventLoop.terminationFuture().awaitUninterruptibly(IO_SHUTDOWN_MILLIS);
        try {
            ended &= ioWorks.awaitNone(millisUntil(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            LOG.warning(() -> name + ": the event loops' works still not ended after " + IO_SHUTDOWN_MILLIS
                    + " ms; they end as soon as the work manager runs them, or their current tasks return");
        }
    }

    /** On the event loop: sets up a new connection, or refuses it, before anything is read from it. */
    private void accept(Channel channel) {
        if (connections.incrementAndGet() > settings.maxConnections()) {
            connections.decrementAndGet();
            refusedConnections.event(() -> "refusing the connection from " + channel.remoteAddress()
                    + ": maxConnections (" + settings.maxConnections() + ") reached");
            channel.close();
            return;
        }
        channel.closeFuture().addListener(connectionClosed);
        ListenerSecurity security = settings.security();
        InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
        boolean fromBalancer = security.proxyProtocol() != ProxyProtocol.OFF
                && security.proxyTrustedAddresses().contains(peer.getAddress());
        if (security.proxyProtocol() == ProxyProtocol.REQUIRED && !fromBalancer) {
            refusedClients.event(() -> "closing the connection from " + peer + ": not in proxyTrustedAddresses ("
                    + security.proxyTrustedAddresses() + "), and proxyProtocol is REQUIRED");
            channel.close();
            return;
        }
        // a balancer's clients are checked once its header names them
        if (!fromBalancer && !admits(channel, peer)) {
            channel.close();
            return;
        }
        if (!security.hasOpening()) {
            open(channel, peer, List.of());
            return;
        }
        ConnectionOpening opening = new ConnectionOpening(this, peer, fromBalancer,
                security.proxyProtocol() == ProxyProtocol.OPTIONAL, tls != null, security.openingTimeoutMillis());
        if (security.proxyProtocol() != ProxyProtocol.OFF) {
            channel.pipeline().addLast(new ProxyHeaderDetector(security.proxyProtocol() == ProxyProtocol.REQUIRED,
                    fromBalancer, opening));
        }
        if (tls != null) {
            // the handshake's heavy work runs on the server's threads, never on the event loop
            HandshakeReadHold hold = new HandshakeReadHold(channel, handshakeWorks);
            SslHandler handler = new SslHandler(tls.serverEngine(security.clientAuth()), false, hold);
            handler.setHandshakeTimeoutMillis(0); // the opening's timeout bounds the handshake
            channel.pipeline().addLast(hold, new RenegotiationGuard(handler, this::refuseRenegotiation), handler);
        }
        channel.pipeline().addLast(opening);
    }

    private void refuseRenegotiation(ChannelHandlerContext ctx) {
        handshakeFailures.event(() -> "closing the connection from " + ctx.channel().remoteAddress()
                + ": it started a TLS renegotiation, which the listener refuses");
        ctx.close();
    }

    /**
     * @return whether the client is in {@code allowedClients} and its address has fewer than
     *     {@code maxConnectionsPerAddress} open, the connection then counted for its address until it closes; a
     *     refusal is logged in summary, and the caller closes the connection
     */
    @Override
    public boolean admits(Channel channel, InetSocketAddress client) {
        if (!allows(client)) {
            return false;
        }
        InetAddress address = client.getAddress();
        if (!perAddress.tryAcquire(address)) {
            refusedPerAddress.event(() -> "refusing the connection from " + client + ": maxConnectionsPerAddress ("
                    + settings.maxConnectionsPerAddress() + ") reached for " + address);
            return false;
        }
        channel.closeFuture().addListener(closed -> perAddress.release(address));
        return true;
    }

    private boolean allows(InetSocketAddress client) {
        if (settings.security().allowedClients().contains(client.getAddress())) {
            return true;
        }
        refusedClients.event(() -> "closing the connection from " + client + ": not in allowedClients ("
                + settings.security().allowedClients() + ")");
        return false;
    }

    /**
     * On the event loop: makes an open connection a session and adds the handlers that serve it; they see the
     * connection's {@code channelActive} next.
     *
     * @param client the client's address, as the socket or the client's load balancer gives it
     * @param peerCertificates the client's verified certificate chain; empty for none
     */
    @Override
    public void open(Channel channel, InetSocketAddress client, List<X509Certificate> peerCertificates) {
        counters.accepted.increment();
        ChannelSession session = new ChannelSession(registry.nextId(settings.port()), channel, client,
                peerCertificates, settings.framing(), settings.charset(), settings.writeTimeoutMillis(), counters,
                taps, settings.port(), member);
        ReadGate gate = new ReadGate(channel, stoppingCheck);
        ByteBudget.Account bytes = budget.open(gate, channel.eventLoop());
        if (settings.idleTimeoutMillis() > 0) {
            channel.pipeline().addLast(
                    new IdleStateHandler(0, 0, settings.idleTimeoutMillis(), TimeUnit.MILLISECONDS));
        }
        ReplyPairing pairing = settings.pairing();
        if (pairing != null) {
            session.pairReplies(new SessionRequests(session, pairing.keys(), pairing.maxInFlight(), completions,
                    requestCounters, why -> inOrderTimeouts.event(() -> why)));
        }
        ConnectionQueue queue = new ConnectionQueue(session, this, gate, bytes);
        channel.pipeline().addLast(new FrameDecoderHandler(settings.framing().newDecoder(), bytes, framingErrors,
                        session::isClosing),
                new ConnectionHandler(session, queue, gate, this));
        // the handlers end what this begins as the connection closes (ConnectionHandler, FrameDecoderHandler): one
        // listener on its close future per connection would cost each idle connection a few dozen bytes more
        open.put(session, queue);
        registry.add(session);
        if (stopping) {
            session.closeNow(); // stop() may have passed over this connection already
        }
    }

    /** On the event loop: a session's connection closed. */
    void closed(ChannelSession session) {
        open.remove(session);
        registry.remove(session);
    }

    @Override
    public boolean isStopping() {
        return stopping;
    }

    @Override
    public void connectionStarted() {
        liveConnections.started();
    }

    @Override
    public void connectionEnded() {
        liveConnections.finished();
    }

    ListenerSettings settings() {
        return settings;
    }

    @Override
    public int maxPendingFrames() {
        return settings.maxPendingFrames();
    }

    @Override
    public Charset charset() {
        return settings.charset();
    }

    @Override
    public OnError onError() {
        return settings.onError();
    }

    @Override
    public EndpointDelivery delivery() {
        return delivery;
    }

    @Override
    public InlineGuard inline() {
        return inline;
    }

    @Override
    public LoopEndpoints loopEndpoints() {
        return loopEndpoints;
    }

    @Override
    public DeliveryScheduler scheduler() {
        return scheduler;
    }

    /** @return the received bytes all connections hold for the bean now, decoded or not */
    long pendingBytes() {
        return budget.total();
    }

    @Override
    public ListenerCounters counters() {
        return counters;
    }

    /** @return the sessions open now */
    Set<ChannelSession> openSessions() {
        return open.keySet();
    }

    /** @return the frames received and not yet delivered, over all connections */
    int pendingFrames() {
        return open.values().stream().mapToInt(ConnectionQueue::pendingFrames).sum();
    }

    /** @return the connections whose reading is paused by backpressure now */
    int pausedConnections() {
        return (int) open.values().stream().filter(ConnectionQueue::isReadPaused).count();
    }

    /** @return whether the listening socket is open: bound and accepting; in client mode, whether it is connected */
    boolean isListening() {
        if (link != null) {
            return link.isConnected();
        }
        Channel channel = serverChannel;
        return channel != null && channel.isActive();
    }

    /** @return what a client-mode listener's heartbeats did; zeros for a listener that accepts */
    HeartbeatCounters heartbeats() {
        return heartbeats;
    }

    /** @return the requestAsync calls to the open sessions waiting for their replies now */
    int requestsInFlight() {
        return open.keySet().stream().map(ChannelSession::requests).filter(Objects::nonNull)
                .mapToInt(SessionRequests::inFlight).sum();
    }

    /** @return what requestAsync to the sessions did; zeros without correlation */
    RequestCounters requestCounters() {
        return requestCounters;
    }

    /** @return the link of a client-mode listener, else null */
    ClientLink link() {
        return link;
    }

    /** @return whether connections use TLS */
    boolean isTls() {
        return tls != null;
    }

    /** @return the number of connections open now, opening ones included */
    int openConnections() {
        return connections.get();
    }

    SummarizedLog refusedConnections() {
        return refusedConnections;
    }

    SummarizedLog framingErrors() {
        return framingErrors;
    }

    SummarizedLog refusedPerAddress() {
        return refusedPerAddress;
    }

    @Override
    public SummarizedLog refusedClients() {
        return refusedClients;
    }

    @Override
    public SummarizedLog handshakeFailures() {
        return handshakeFailures;
    }

    SummarizedLog slowConsumers() {
        return slowConsumers;
    }

    SummarizedLog idleClosed() {
        return idleClosed;
    }

    @Override
    public SummarizedLog beanFailures() {
        return beanFailures;
    }
}
