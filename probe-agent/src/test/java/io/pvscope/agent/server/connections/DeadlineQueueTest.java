package io.pvscope.agent.server.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines expire what is not settled in time, once, and settled things do not pile up. */
class DeadlineQueueTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final DeadlineQueue deadlines = new DeadlineQueue(timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void anUnsettledThingExpiresOnceAndCannotBeSettledAfterwards() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        AtomicInteger expiries = new AtomicInteger();
        DeadlineQueue.Entry entry = deadlines.add(TimeUnit.MILLISECONDS.toNanos(50), () -> {
            expiries.incrementAndGet();
            expired.countDown();
        });

        assertThat(expired.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(entry.settle()).as("settled after its expiry").isFalse();
        // A later sweep (another thing's deadline) does not expire it again.
        CountDownLatch second = new CountDownLatch(1);
        deadlines.add(TimeUnit.MILLISECONDS.toNanos(10), second::countDown);
        assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(expiries).hasValue(1);
    }

    @Test
    void aSettledThingNeverExpires() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        DeadlineQueue.Entry settled = deadlines.add(TimeUnit.MILLISECONDS.toNanos(20), expiries::incrementAndGet);
        assertThat(settled.settle()).isTrue();
        CountDownLatch later = new CountDownLatch(1);
        deadlines.add(TimeUnit.MILLISECONDS.toNanos(100), later::countDown);

        assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(expiries).hasValue(0);
    }

    @Test
    void thingsBehindAnOpenOneExpireAtTheirOwnDeadlines() throws Exception {
        CountDownLatch all = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            deadlines.add(TimeUnit.MILLISECONDS.toNanos(30 + 30L * i), all::countDown);
        }

        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void settledThingsLeaveAsOthersJoinInsteadOfWaitingForTheirDeadline() {
        long hour = TimeUnit.HOURS.toNanos(1);
        for (int i = 0; i < 100_000; i++) {
            deadlines.add(hour, () -> { }).settle();
        }

        assertThat(deadlines.size()).isLessThanOrEqualTo(1);
    }
}
