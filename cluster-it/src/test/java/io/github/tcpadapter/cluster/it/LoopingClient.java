package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A client that loops request/reply on one connection, each request with an id of its own, as a well-behaved
 * client of a cluster does: when its connection is closed it connects again (through the same port: HAProxy picks
 * an instance) and sends again the request that got no answer; a reply that is not the expected answer to the
 * pending request is wrong, an {@code error: ...} reply (the gateway's backend call failed) is a failure.
 * Bounded: it stops when asked, after {@code maxRequests}, or after a request has found no answer for
 * {@code giveUpAfter} (a failure, and the next request).
 */
final class LoopingClient implements Runnable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MILLIS = 20;

    private final String name;
    private final int port;
    private final UnaryOperator<String> expectedReply;
    private final long maxRequests;
    private final Duration giveUpAfter;
    private final Duration thinkTime;

    private volatile boolean stopped;
    private volatile int localPort = -1;
    // written by the client's thread, read by the test after join() or through the synchronized snapshot()
    private long attempted;
    private long answered;
    private long wrong;
    private long closesSeen;
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<Long> reconnectMillis = new ArrayList<>();
    private final List<String> wrongExamples = new ArrayList<>();

    /**
     * @param name the prefix of its requests' ids
     * @param port where it connects on 127.0.0.1
     * @param expectedReply the reply a request must get
     * @param maxRequests how many requests at most
     * @param giveUpAfter how long a request may go unanswered across reconnects before it counts as failed
     * @param thinkTime the pause between an answer and the next request
     */
    LoopingClient(String name, int port, UnaryOperator<String> expectedReply, long maxRequests, Duration giveUpAfter,
            Duration thinkTime) {
        this.name = name;
        this.port = port;
        this.expectedReply = expectedReply;
        this.maxRequests = maxRequests;
        this.giveUpAfter = giveUpAfter;
        this.thinkTime = thinkTime;
    }

    String name() {
        return name;
    }

    /** @return the local port of its current connection (-1 between connections) */
    int localPort() {
        return localPort;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        LineClient connection = null;
        String pending = null;
        long pendingSince = 0;
        long closedAt = -1;
        long sequence = 0;
        try {
            while (!stopped && (pending != null || sequence < maxRequests)) {
                if (pending == null) {
                    pending = name + "-" + ++sequence;
                    pendingSince = System.nanoTime();
                    count(() -> attempted++);
                }
                try {
                    if (connection == null) {
                        connection = new LineClient(port, READ_TIMEOUT);
                        localPort = connection.localPort();
                    }
                    String reply = connection.request(pending);
                    String expected = expectedReply.apply(pending);
                    if (reply.equals(expected)) {
                        long now = System.nanoTime();
                        count(() -> answered++);
                        if (closedAt >= 0) {
                            long millis = (now - closedAt) / 1_000_000;
                            count(() -> reconnectMillis.add(millis));
                            closedAt = -1;
                        }
                    } else if (reply.startsWith("error: ")) {
                        // the sample's answer when its backend call failed: a failed request, not a wrong reply
                        fail(reply.length() > 120 ? reply.substring(0, 120) + "..." : reply);
                    } else {
                        String example = "sent " + pending + ", got '" + reply + "'";
                        count(() -> {
                            wrong++;
                            if (wrongExamples.size() < 5) {
                                wrongExamples.add(example);
                            }
                        });
                    }
                    pending = null;
                    pause(thinkTime.toMillis());
                } catch (SocketTimeoutException e) {
                    // no answer in time: that request failed; a new connection for the next one
                    fail("no answer within " + READ_TIMEOUT.toSeconds() + " s");
                    pending = null;
                    connection = close(connection);
                } catch (IOException e) {
                    // closed, reset or refused: connect again and send the pending request again
                    if (closedAt < 0) {
                        closedAt = System.nanoTime();
                        count(() -> closesSeen++);
                    }
                    connection = close(connection);
                    if (System.nanoTime() - pendingSince > giveUpAfter.toNanos()) {
                        fail("unanswered for " + giveUpAfter.toSeconds() + " s across reconnects, last: " + e);
                        pending = null;
                    } else {
                        pause(RETRY_PAUSE_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(connection);
        }
    }

    /** @return what it counted so far */
    synchronized Figures snapshot() {
        return new Figures(name, attempted, answered, wrong, closesSeen, new TreeMap<>(failures),
                List.copyOf(reconnectMillis), List.copyOf(wrongExamples));
    }

    /** One client's counts; failures by reason; a reconnect time runs from a close seen to the next answer. */
    record Figures(String client, long attempted, long answered, long wrong, long closesSeen,
            Map<String, Long> failures, List<Long> reconnectMillis, List<String> wrongExamples) {

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private synchronized void count(Runnable update) {
        update.run();
    }

    private void fail(String why) {
        count(() -> failures.merge(why, 1L, Long::sum));
    }

    private LineClient close(LineClient connection) {
        localPort = -1;
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a broken connection
            }
        }
        return null;
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
