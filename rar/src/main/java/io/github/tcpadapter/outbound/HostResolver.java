package io.github.tcpadapter.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves host names to all their addresses within a caller's deadline. The JDK's lookup has no timeout of its own
 * and ignores interrupts, so it runs on a thread of this resolver and the caller waits for it only until its
 * deadline; a lookup that outlives the deadline ends on its thread for nobody (and fills the JDK's address cache).
 * Callers that want a name already being looked up wait for that lookup: a name server that does not answer holds
 * one thread per name, at most {@value #MAX_THREADS} in all, and the queue holds at most one lookup per name.
 * Threads are started when needed and end after {@value #IDLE_SECONDS} s without work, so there is nothing to
 * stop. Thread-safe.
 */
final class HostResolver {

    private static final int MAX_THREADS = 4;
    private static final long IDLE_SECONDS = 10;

    /** Looks up every address of a host name: {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    interface NameService {

        /**
         * @return the host's addresses, at least one
         * @throws UnknownHostException if the host has none
         */
        InetAddress[] allByName(String host) throws UnknownHostException;
    }

    private final NameService names;
    private final ThreadPoolExecutor threads;
    private final Map<String, CompletableFuture<InetAddress[]>> lookups = new ConcurrentHashMap<>();

    HostResolver(NameService names) {
        this.names = names;
        this.threads = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), HostResolver::newThread);
        threads.allowCoreThreadTimeOut(true);
    }

    private static Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "tcp-adapter-name-lookup");
        thread.setDaemon(true);
        // not the caller's: an idle thread must not keep an undeployed application's class loader
        thread.setContextClassLoader(HostResolver.class.getClassLoader());
        return thread;
    }

    /**
     * @param host a host name or IP address literal
     * @param deadlineNanos when to give up, as {@link System#nanoTime()}
     * @return every address of the host, in the name service's order
     * @throws UnknownHostException if the host has no address
     * @throws SocketTimeoutException if the lookup did not end by the deadline
     * @throws InterruptedIOException if the caller was interrupted while waiting (its flag is set again)
     */
    InetAddress[] resolve(String host, long deadlineNanos) throws IOException {
        try {
            return lookup(host).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("name lookup timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up the name");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new IOException("name lookup failed: " + e.getCause(), e.getCause());
        }
    }

    // the lookup of the name under way, or a new one
    private CompletableFuture<InetAddress[]> lookup(String host) {
        CompletableFuture<InetAddress[]> created = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> running = lookups.putIfAbsent(host, created);
        if (running != null) {
            return running;
        }
        threads.execute(() -> {
            try {
                InetAddress[] addresses = names.allByName(host);
                lookups.remove(host, created); // before completing: a later caller starts a fresh lookup
                created.complete(addresses);
            } catch (Throwable e) { // the caller reports it
                lookups.remove(host, created);
                created.completeExceptionally(e);
            }
        });
        return created;
    }
}
