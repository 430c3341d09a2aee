package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.connections.DeadlineQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend pool holds about as many threads as calls run at once, and still takes a burst past its size. */
class BackendCallsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final DeadlineQueue deadlines = new DeadlineQueue(timer);
    private final BackendCalls calls = new BackendCalls(() -> AgentLimits.DEFAULTS, "test-backend", deadlines);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        calls.close();
        timer.shutdownNow();
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
        AgentLimits limits = RunningAgent.withBackendDeadline(Duration.ofMillis(200));
        BackendCalls quick = new BackendCalls(() -> limits, "test-hung", deadlines);
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

    @Test
    void anAsynchronousCallReportsItsResultFromTheThreadThatRanIt() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        AtomicReference<String> ranOn = new AtomicReference<>();
        calls.submit(() -> {
            ranOn.set(Thread.currentThread().getName());
            return "answered";
        }, into(outcome));

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo("answered");
        assertThat(ranOn.get()).startsWith("test-backend-");
    }

    @Test
    void anAsynchronousCallThatFailsReportsItsFailure() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        calls.submit(() -> {
            throw new StoreException(Errno.ENOENT, "no such key");
        }, into(outcome));

        assertThat(catchThrowable(() -> outcome.get(30, TimeUnit.SECONDS))).cause()
                .isInstanceOf(StoreException.class).hasMessageContaining("no such key");
    }

    @Test
    void anAsynchronousCallThatHangsEndsAtTheDeadlineAndTheNextGetsAThreadOfItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AgentLimits limits = RunningAgent.withBackendDeadline(Duration.ofMillis(200));
        BackendCalls quick = new BackendCalls(() -> limits, "test-hung", deadlines);
        try {
            Reports hung = new Reports();
            quick.submit(() -> awaitQuietly(release), hung);
            assertThat(hung.first.get(30, TimeUnit.SECONDS)).isInstanceOf(StatusRuntimeException.class)
                    .asString().contains("backend_deadline");

            CompletableFuture<String> next = new CompletableFuture<>();
            quick.submit(() -> "answered", into(next));
            assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("answered");
            assertThat(quick.threads()).isEqualTo(2);

            // The hung call, released after its deadline, reports nothing more: its caller had its answer.
            release.countDown();
            assertThat(quick.drain(Duration.ofSeconds(30))).isTrue();
            assertThat(hung.all).hasSize(1);
        } finally {
            release.countDown();
            quick.close();
        }
    }

    @Test
    void aCallGivenUpWhileItRunsReportsNothing() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Reports reports = new Reports();
        var pending = calls.submit(() -> {
            running.countDown();
            awaitQuietly(release);
            return "late";
        }, reports);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(pending.settle()).as("given up before it ended").isTrue();
        release.countDown();
        assertThat(calls.drain(Duration.ofSeconds(30))).isTrue();
        assertThat(reports.all).isEmpty();
    }

    @Test
    void aCallGivenUpWhileItWaitsForAThreadNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allBusy = new CountDownLatch(BackendCalls.MAX_THREADS);
        for (int i = 0; i < BackendCalls.MAX_THREADS; i++) {
            calls.submit(() -> {
                allBusy.countDown();
                return awaitQuietly(release);
            }, new Reports());
        }
        assertThat(allBusy.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        Reports reports = new Reports();
        var queued = calls.submit(ran::incrementAndGet, reports);

        assertThat(queued.settle()).isTrue();
        release.countDown();
        assertThat(calls.drain(Duration.ofSeconds(30))).isTrue();
        assertThat(ran).hasValue(0);
        assertThat(reports.all).isEmpty();
    }

    /** Every outcome reported, in order; the first also as a future. */
    private static final class Reports implements BackendCalls.Outcome<Object> {
        final List<Object> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Object> first = new CompletableFuture<>();

        @Override
        public void succeeded(Object result) {
            all.add(result);
            first.complete(result);
        }

        @Override
        public void failed(Exception failure) {
            all.add(failure);
            first.complete(failure);
        }
    }

    private static <T> BackendCalls.Outcome<T> into(CompletableFuture<T> future) {
        return new BackendCalls.Outcome<>() {
            @Override
            public void succeeded(T result) {
                future.complete(result);
            }

            @Override
            public void failed(Exception failure) {
                future.completeExceptionally(failure);
            }
        };
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
