package io.github.tcpadapter.management;

/**
 * What an operator sees of one outbound connection factory in JMX, as
 * {@code io.github.tcpadapter:type=ConnectionFactory,name=<targets>}: registered when the server creates the
 * factory, unregistered when the adapter stops. Factories with the same configuration share one. Counts are since
 * the registration.
 */
public interface ConnectionFactoryMXBean {

    /** @return the configured targets, e.g. "backend-a:7000, backend-b:7000" */
    String getTargets();

    /**
     * @return one line per target: "host:port up", or "host:port backing off until [time] ([why its last connect
     *     failed])" while it is tried only after the others, or "host:port failed at [time] ([why])" once its retry
     *     interval has passed without a new attempt
     */
    String[] getHostStates();

    /** @return how many targets are in their retry interval after a failed connect */
    int getHostsBackingOff();

    /** @return how many targets are configured */
    int getHosts();

    /** @return the wire format, e.g. "LINE, maxFrameLength 65536" */
    String getFraming();

    /** @return whether connections use TLS */
    boolean isTls();

    /** @return the pooled connections with an open socket */
    int getSocketsOpen();

    /** @return the pooled connections lent to an application now */
    int getSocketsLent();

    /** @return the sockets opened */
    long getConnects();

    /** @return the connection attempts that failed, one per target tried */
    long getConnectFailures();

    /** @return the pooled sockets found closed by their peer when lent, and replaced by new ones */
    long getCheckoutReplacements();

    /** @return the requests answered */
    long getRequests();

    /** @return the requests, receives and writes that ran out of time; each closes its connection */
    long getTimeouts();

    /** @return the connections the peer closed while a caller waited for a frame */
    long getPeerClosures();

    /** @return the frames from a peer that broke the wire format */
    long getInvalidFrames();

    /** @return other failed reads and writes */
    long getIoErrors();

    /** @return the median time from sending a request to its whole reply, in microseconds; 0 before any */
    long getRequestMicrosP50();

    /** @return the 99th percentile of the requests' time, in microseconds; 0 before any */
    long getRequestMicrosP99();

    /** @return the median time of the requests answered in the last minute, in microseconds; 0 if none */
    long getRequestMicrosP50LastMinute();

    /** @return the 99th percentile of the time of the requests answered in the last minute, in microseconds */
    long getRequestMicrosP99LastMinute();

    /** @return the {@code correlation} property: NONE (pooled synchronous), IN_ORDER or a key kind */
    String getCorrelation();

    /**
     * @return one line per multiplexed connection: "link 1 connected to host:port (3 in flight)", "link 2 backing
     *     off until [time] ([why])", "link 1 not opened yet"; empty in pooled synchronous mode or before the first
     *     {@code requestAsync}
     */
    String[] getLinkStates();

    /** @return the {@code requestAsync} requests accepted and not answered, timed out or failed yet */
    int getAsyncRequestsInFlight();

    /** @return the {@code requestAsync} requests answered by their reply */
    long getAsyncReplies();

    /** @return the {@code requestAsync} requests that got no reply within their timeout */
    long getAsyncTimeouts();

    /** @return the {@code requestAsync} requests failed by a lost connection, a failed connect or a stop */
    long getAsyncFailures();

    /** @return the {@code requestAsync} requests refused because every connection had {@code maxInFlight} */
    long getAsyncRefusedFull();

    /** @return the {@code requestAsync} requests refused because a request with their key was in flight */
    long getDuplicateKeysRefused();

    /** @return the replies that came after their request had timed out: dropped */
    long getLateReplies();

    /** @return the frames on multiplexed connections that answered no request in flight: dropped */
    long getUnmatchedFrames();

    /** @return the heartbeats the multiplexed connections sent ({@code heartbeatIntervalMillis}) */
    long getHeartbeatsSent();

    /** @return the heartbeats not answered within {@code heartbeatReplyTimeoutMillis}: each recycled its connection */
    long getHeartbeatsMissed();
}
