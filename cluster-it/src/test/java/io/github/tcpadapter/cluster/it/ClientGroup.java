package io.github.tcpadapter.cluster.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Looping clients, each on a thread of its own, stopped and joined within a bound. */
final class ClientGroup {

    /** A client gives up a request that found no answer for this long across reconnects. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(20);
    /** A client's pause between an answer and its next request: load that leaves the 2 cores to the servers. */
    static final Duration THINK = Duration.ofMillis(10);
    private static final long MAX_REQUESTS = 1_000_000;

    private final List<LoopingClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts clients that loop on one port.
     *
     * @param prefix the clients' names: prefix-1, prefix-2, ...
     */
    ClientGroup start(String prefix, int count, int port, UnaryOperator<String> expectedReply) {
        for (int i = 1; i <= count; i++) {
            LoopingClient client = new LoopingClient(prefix + "-" + i, port, expectedReply, MAX_REQUESTS,
                    GIVE_UP_AFTER, THINK);
            Thread thread = new Thread(client, "client " + client.name());
            thread.setDaemon(true);
            clients.add(client);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    List<LoopingClient> clients() {
        return clients;
    }

    /** Waits until every client has had at least {@code more} more answers than now: all of them make progress. */
    void awaitProgress(long more, Duration timeout) {
        List<Long> before = clients.stream().map(client -> client.snapshot().answered()).toList();
        Await.until(timeout, () -> {
            for (int i = 0; i < clients.size(); i++) {
                if (clients.get(i).snapshot().answered() < before.get(i) + more) {
                    return false;
                }
            }
            return true;
        }, () -> "Not every client had " + more + " more answers within " + timeout.toSeconds() + " s: "
                + figures());
    }

    /** @return every client's counts */
    List<LoopingClient.Figures> figures() {
        return clients.stream().map(LoopingClient::snapshot).toList();
    }

    /** Stops the clients and waits for their threads (each ends within its read timeout). */
    List<LoopingClient.Figures> stop() throws InterruptedException {
        clients.forEach(LoopingClient::stop);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10).toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop within 10 s");
            }
        }
        return figures();
    }
}
