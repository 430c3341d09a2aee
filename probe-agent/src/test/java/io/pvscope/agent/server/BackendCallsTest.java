package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend pool holds about as many threads as calls run at once, and still takes a burst past its size. */
class BackendCallsTest {

    private final BackendCalls calls = new BackendCalls(() -> AgentLimits.DEFAULTS, "test-backend");
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        calls.close();
    }

    @Test
    void callsOneAfterAnotherReuseOneThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            calls.run(() -> threads.add(Thread.currentThread().getName()));
        }

        assertThat(threads).hasSize(1);
        assertThat(calls.threads()).isEqualTo(1);
    }

    @Test
    void fourCallsAtOnceGrowThePoolToFourThreadsNotItsMaximum() throws Exception {
        assertThat(runAtOnce(4)).isEqualTo(4);
    }

    @Test
    void aBurstBeyondTheMaximumWaitsForThreadsInsteadOfBeingRefused() throws Exception {
        assertThat(runAtOnce(BackendCalls.MAX_THREADS + 8)).isEqualTo(BackendCalls.MAX_THREADS);
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aCallAfterOneThatHungGetsAThreadOfItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AgentLimits defaults = AgentLimits.DEFAULTS;
        AgentLimits limits = new AgentLimits(defaults.maxKeyBytes(), defaults.maxValueBytes(),
                defaults.maxMessageBytes(), defaults.maxConcurrentStreams(), Duration.ofMillis(200),
                defaults.maxWatchKeys(), defaults.defaultPollInterval(), defaults.minPollInterval(),
                defaults.maxCallsPerClient(), defaults.maxStreamsPerClient(), defaults.maxWatchers(),
                defaults.ratePerSecond(), defaults.rateBurst());
        BackendCalls quick = new BackendCalls(() -> limits, "test-hung");
        try {
            assertThat(catchThrowable(() -> quick.run(() -> awaitQuietly(release))))
                    .hasMessageContaining("backend_deadline");

            assertThat(quick.run(() -> "answered")).isEqualTo("answered");
            assertThat(quick.threads()).isEqualTo(2);
        } finally {
            release.countDown();
            quick.close();
        }
    }

    /** Starts {@code count} calls that wait until all of them run or the pool is full; the threads it used. */
    private int runAtOnce(int count) throws Exception {
        CountDownLatch running = new CountDownLatch(Math.min(count, BackendCalls.MAX_THREADS));
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(callers.submit(() -> calls.run(() -> {
                running.countDown();
                return awaitQuietly(release);
            })));
        }
        assertThat(running.await(30, TimeUnit.SECONDS)).as("calls running at once").isTrue();
        int threads = calls.threads();
        release.countDown();
        for (Future<Boolean> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
        return threads;
    }
}
