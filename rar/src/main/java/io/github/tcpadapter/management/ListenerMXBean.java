package io.github.tcpadapter.management;

/**
 * What an operator sees of one inbound listener in JMX, as {@code io.github.tcpadapter:type=Listener,port=<port>,
 * name=<activation>}: registered when the listener starts, unregistered when it stops. Counts are since the start;
 * bytes are payload bytes, framing excluded.
 */
public interface ListenerMXBean {

    /** @return the local address the listener is bound to */
    String getBindAddress();

    /** @return the port */
    int getPort();

    /** @return the wire format, e.g. "LINE, maxFrameLength 65536" */
    String getFraming();

    /**
     * @return whether the listening socket is bound and accepting: what a readiness check asks; for a client-mode
     *     listener ({@code connectTo}), whether its link is connected
     */
    boolean isListening();

    /**
     * @return a client-mode listener's link: "connected to host:port", "connecting to host:port", "backing off
     *     until &lt;instant&gt;: &lt;why&gt;" or "stopped"; empty for a listener that accepts
     */
    String getLinkState();

    /** @return the connections a client-mode listener's link made since the start; 0 for one that accepts */
    long getLinkConnects();

    /** @return the connection attempts of a client-mode listener's link that failed; 0 for one that accepts */
    long getLinkFailures();

    /** @return how {@code requestAsync} on the sessions pairs replies: NONE, IN_ORDER or a key kind */
    String getCorrelation();

    /** @return the {@code requestAsync} requests to the sessions waiting for their reply now */
    int getAsyncRequestsInFlight();

    /** @return the {@code requestAsync} requests to the sessions answered by their reply */
    long getAsyncReplies();

    /** @return the {@code requestAsync} requests to the sessions that got no reply within their timeout */
    long getAsyncTimeouts();

    /** @return the replies that came after their request timed out; they went to the bean */
    long getLateReplies();

    /** @return the {@code requestAsync} requests refused because their session had {@code maxInFlight} */
    long getAsyncRefusedFull();

    /** @return the {@code requestAsync} requests refused because a request with their key was in flight */
    long getDuplicateKeysRefused();

    /** @return the heartbeats a client-mode listener's link sent ({@code heartbeatIntervalMillis}) */
    long getHeartbeatsSent();

    /** @return the heartbeats not answered within {@code heartbeatReplyTimeoutMillis}: each recycled the link */
    long getHeartbeatsMissed();

    /** @return whether connections use TLS */
    boolean isTls();

    /** @return the connections open now (opening ones included) */
    int getOpenConnections();

    /** @return the connections accepted and served */
    long getAcceptedConnections();

    /** @return the connections refused for {@code maxConnections} */
    long getRefusedForMaxConnections();

    /** @return the connections refused because their client address had {@code maxConnectionsPerAddress} open */
    long getRefusedForMaxConnectionsPerAddress();

    /** @return the connections refused by {@code allowedClients} or for their PROXY header */
    long getRefusedClients();

    /** @return the connections whose TLS opening failed or timed out, or that asked for a TLS renegotiation */
    long getFailedOpenings();

    /** @return the frames received */
    long getFramesIn();

    /** @return the replies written */
    long getRepliesOut();

    /** @return the frames beans pushed through {@code TcpSession.send}/{@code sendAsync} */
    long getPushesOut();

    /** @return the payload bytes received */
    long getBytesIn();

    /** @return the payload bytes written, replies and pushes */
    long getBytesOut();

    /** @return the calls in which the bean failed */
    long getBeanFailures();

    /** @return the connections closed for framing errors */
    long getFramingErrors();

    /** @return the clients closed as slow consumers */
    long getSlowConsumersClosed();

    /** @return the connections closed for {@code idleTimeoutMillis} */
    long getIdleConnectionsClosed();

    /** @return the received bytes held for the bean now, decoded or not */
    long getPendingBytes();

    /** @return the frames received and not yet delivered to the bean now */
    int getPendingFrames();

    /** @return the connections not read from now, because of backpressure (frames, bytes or a client not reading) */
    int getPausedConnections();

    /** @return the deliveries running now */
    int getDeliveriesRunning();

    /** @return how many deliveries may run at once now (lowered while the server refuses beans); 0 for no limit */
    int getDeliveryLimit();

    /** @return the median time of {@code onMessage}, in microseconds, since the start; 0 before any */
    long getDeliveryMicrosP50();

    /** @return the 99th percentile of {@code onMessage}'s time, in microseconds; 0 before any */
    long getDeliveryMicrosP99();

    /** @return the median time of {@code onMessage} over the last minute, in microseconds; 0 if none ended */
    long getDeliveryMicrosP50LastMinute();

    /** @return the 99th percentile of {@code onMessage}'s time over the last minute, in microseconds; 0 if none */
    long getDeliveryMicrosP99LastMinute();

    /** @return one line per open session: id, client address, opened at */
    String[] listSessions();

    /**
     * Closes a session as {@code TcpSession.close()} does.
     *
     * @param sessionId the session's id
     * @return whether an open session of this listener had that id
     */
    boolean closeSession(String sessionId);
}
