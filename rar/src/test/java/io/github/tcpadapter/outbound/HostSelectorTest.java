package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostSelectorTest {

    private static final Target A = new Target("a", 1);
    private static final Target B = new Target("b", 2);
    private static final Target C = new Target("c", 3);

    private final AtomicLong now = new AtomicLong();

    @Test
    void withoutFailuresTheConfiguredOrderAlwaysStartsWithTheFirst() {
        HostSelector selector = selector(false);

        assertThat(selector.order()).containsExactly(A, B, C);
        assertThat(selector.order()).containsExactly(A, B, C);
    }

    @Test
    void aFailedTargetIsTriedLastUntilItsRetryIntervalHasPassed() {
        HostSelector selector = selector(false);

        selector.failed(A, "refused");
        assertThat(selector.order()).containsExactly(B, C, A);

        advanceMillis(999);
        assertThat(selector.order()).containsExactly(B, C, A);

        advanceMillis(1);
        assertThat(selector.order()).containsExactly(A, B, C);
    }

    @Test
    void aSuccessEndsTheRetryIntervalAtOnce() {
        HostSelector selector = selector(false);
        selector.failed(A, "refused");

        selector.succeeded(A);

        assertThat(selector.order()).containsExactly(A, B, C);
    }

    @Test
    void theStatesSayWhichTargetsBackOffUntilWhenAndWhy() {
        HostSelector selector = selector(false);
        selector.failed(B, "Connection refused");
        assertThat(selector.resting()).isEqualTo(1);
        assertThat(selector.states()).satisfiesExactly(
                a -> assertThat(a).isEqualTo("a:1 up"),
                b -> assertThat(b).matches("b:2 backing off until \\S+Z \\(Connection refused\\)"),
                c -> assertThat(c).isEqualTo("c:3 up"));

        advanceMillis(1_000);
        assertThat(selector.resting()).isZero();
        assertThat(selector.states()).element(1).asString().matches("b:2 failed at \\S+Z \\(Connection refused\\)");

        selector.succeeded(B);
        assertThat(selector.states()).element(1).isEqualTo("b:2 up");
    }

    @Test
    void whenEveryTargetFailedAllAreStillTriedInOrder() {
        HostSelector selector = selector(false);
        selector.failed(B, "refused");
        selector.failed(A, "refused");
        selector.failed(C, "refused");

        assertThat(selector.order()).containsExactly(A, B, C);
    }

    @Test
    void loadBalancingStartsOneFurtherEachTime() {
        HostSelector selector = selector(true);

        assertThat(selector.order()).containsExactly(A, B, C);
        assertThat(selector.order()).containsExactly(B, C, A);
        assertThat(selector.order()).containsExactly(C, A, B);
        assertThat(selector.order()).containsExactly(A, B, C);
    }

    @Test
    void loadBalancingSkipsRestingTargets() {
        HostSelector selector = selector(true);
        selector.failed(B, "refused");

        assertThat(selector.order()).containsExactly(A, C, B);
        assertThat(selector.order()).containsExactly(C, A, B);
    }

    @Test
    void concurrentUseKeepsEveryOrderComplete() throws Exception {
        HostSelector selector = selector(true);
        Thread[] threads = new Thread[4];
        List<List<Target>> bad = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    List<Target> order = selector.order();
                    if (order.size() != 3 || !order.containsAll(List.of(A, B, C))) {
                        bad.add(order);
                    }
                    selector.failed(order.get(0), "refused");
                    selector.succeeded(order.get(1));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(bad).isEmpty();
    }

    private HostSelector selector(boolean loadBalance) {
        return new HostSelector(List.of(A, B, C), loadBalance, 1_000, now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
