package io.github.tcpadapter.console;

import java.time.Instant;
import java.util.List;

/** What the console's page is sent, as JSON. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** Everything the page shows besides one listener's sessions and frames; sent every second. */
    public record Overview(String user, boolean canOperate, List<ListenerView> listeners,
            List<FactoryView> factories, List<String> requestFactories) {
    }

    /**
     * One inbound listener, from its MXBean; the rates over the last second. A client-mode listener's
     * {@code linkState} says where its link stands; empty for one that accepts.
     */
    public record ListenerView(int port, String bindAddress, String name, String framing, boolean tls,
            boolean listening, int openConnections, long framesIn, long framesOut, double framesInPerSecond,
            double framesOutPerSecond, long refused, String linkState, Conversation conversation) {
    }

    /**
     * One outbound connection factory, from its MXBean; {@code linkStates} are a multiplexed factory's shared
     * sockets, empty in pooled synchronous mode.
     */
    public record FactoryView(String targets, List<String> hostStates, String framing, boolean tls, int socketsOpen,
            int socketsLent, long requests, long requestMicrosP50, long requestMicrosP99,
            long requestMicrosP50LastMinute, long requestMicrosP99LastMinute, List<String> linkStates,
            Conversation conversation) {
    }

    /**
     * What {@code requestAsync} and heartbeats did on a factory's shared sockets or a listener's connections.
     * {@code correlation} is NONE when there are none; {@code unmatched} counts a factory's frames that answered no
     * request (a listener hands those to its bean).
     */
    public record Conversation(String correlation, int inFlight, long replies, long timeouts, long late,
            long unmatched, long duplicateKeysRefused, long refusedFull, long heartbeatsSent, long heartbeatsMissed) {
    }

    /**
     * One open session of a listener.
     *
     * @param member the cluster member that holds it; empty on a server in no cluster
     */
    public record SessionView(String id, String peer, String member, Instant openedAt, long framesIn, long bytesIn,
            long framesOut, long bytesOut, Instant lastActivity) {
    }

    /** One captured frame, as text and as hex. */
    public record FrameView(String session, String direction, Instant time, int length, String text, String hex,
            boolean complete) {
    }

    /** A payload as text and hex; {@code complete} is false when only its first bytes are shown. */
    public record PayloadView(String text, String hex, int length, boolean complete) {
    }

    /** How many frames the page was not sent because it, or the server's capture, could not keep up. */
    public record Missed(long missed) {
    }

    /** Why something failed, in an operator's words. */
    public record Failure(String error) {
    }

    /** How many payload bytes were sent. */
    public record Sent(int sent) {
    }

    /** The reply to a request through a connection factory, and how long it took. */
    public record Reply(PayloadView reply, long micros) {
    }
}
