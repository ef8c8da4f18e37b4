package io.github.tcpadapter.inbound.flow;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listener-wide bound on received bytes held for the bean ({@code maxPendingBytes}): frames waiting to be
 * delivered and bytes not decoded yet, of all connections together. When the total passes the limit, a connection
 * that holds more than its fair share (the limit divided among the open connections) stops being read; connections
 * holding little go on, so a few clients that send much cannot stall the others. A paused connection is read again
 * once the total is back under the limit or its own bytes under its share.
 *
 * <p>So the listener holds at most about twice the limit (what the busiest hold, plus at most a share each for the
 * others) and one read's bytes per connection beyond it.
 */
public final class ByteBudget {

    private static final Logger LOG = Logger.getLogger(ByteBudget.class.getName());

    private static final AtomicLongFieldUpdater<Account> QUEUED =
            AtomicLongFieldUpdater.newUpdater(Account.class, "queued");

    private final long limit;
    private final IntSupplier openConnections;
    private final AtomicLong total = new AtomicLong();
    private final Set<Account> paused = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reviewDue = new AtomicBoolean();

    /**
     * @param limit the bytes all connections may hold together
     * @param openConnections how many connections are open, for each one's share
     */
    public ByteBudget(long limit, IntSupplier openConnections) {
        this.limit = limit;
        this.openConnections = openConnections;
    }

    /** @return the bytes all connections hold now */
    public long total() {
        return total.get();
    }

    public Account open(ReadGate gate, Executor eventLoop) {
        return new Account(gate, eventLoop);
    }

    private long share() {
        return limit / Math.max(1, openConnections.getAsInt());
    }

    /** What one connection holds. */
    public final class Account {

        private final ReadGate gate;
        private final Executor eventLoop;
        // written on the event loop only
        private volatile long undecoded;
        private volatile boolean closed;
        private volatile long queued;

        private Account(ReadGate gate, Executor eventLoop) {
            this.gate = gate;
            this.eventLoop = eventLoop;
        }

        long held() {
            return undecoded + queued;
        }

        /** On the event loop: the bytes read and not decoded into frames yet, partial frames included. */
        void undecoded(long bytes) {
            if (closed) {
                return; // the decoder let go of them as the connection closed
            }
            total.addAndGet(bytes - undecoded);
            undecoded = bytes;
        }

        /** From any thread: frames of so many bytes were queued (positive) or taken or dropped (negative). */
        public void queued(long delta) {
            QUEUED.addAndGet(this, delta);
            total.addAndGet(delta);
            if (delta < 0 && !paused.isEmpty()) {
                reviewLater();
            }
        }

        /** On the event loop, after a read: stops reading if the listener is over its limit and this one is busy. */
        void checkAfterRead() {
            if (total.get() > limit && held() > share() && paused.add(this)) {
                gate.pause(ReadGate.Reason.BUDGET);
            }
        }

        /**
         * On the event loop: the connection closed. Its undecoded bytes are freed; its queued frames count until
         * they are delivered or dropped.
         */
        public void close() {
            undecoded(0);
            closed = true;
            paused.remove(this);
            reviewLater();
        }

        private void reviewLater() {
            if (paused.isEmpty() || !reviewDue.compareAndSet(false, true)) {
                return;
            }
            try {
                eventLoop.execute(ByteBudget.this::review);
            } catch (RejectedExecutionException e) {
                reviewDue.set(false);
                LOG.log(Level.FINE, "Not reviewing paused connections: the event loop is shutting down", e);
            }
        }
    }

    /** On one of the listener's event loops: reads again from the paused connections that may. */
    private void review() {
        reviewDue.set(false);
        boolean underLimit = total.get() <= limit;
        long share = share();
        for (Account account : paused) {
            if ((underLimit || account.held() <= share) && paused.remove(account)) {
                account.gate.resumeOnItsLoop(ReadGate.Reason.BUDGET); // a listener's connections span its loops
            }
        }
    }
}
