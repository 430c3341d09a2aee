package io.pvscope.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load: {@code callers} calls in flight, each caller issuing its next call as soon as the last
 * one ends, for a fixed time. Closed loop because it measures what a client sees without queueing that an
 * open-loop generator on two shared cores could not sustain.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public static Sample async(AsyncOp op, int callers, Duration duration) throws InterruptedException {
        Sample sample = new Sample();
        CountDownLatch finished = new CountDownLatch(callers);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < callers; i++) {
            new AsyncCaller(op, sample, deadline, finished).next();
        }
        if (!finished.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("calls still outstanding 30 s after the end of the run");
        }
        sample.addTime(System.nanoTime() - start);
        return sample;
    }

    public static Sample blocking(BlockingOp op, int callers, Duration duration) throws InterruptedException {
        Sample sample = new Sample();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        op.call(caller);
                        sample.record(System.nanoTime() - t0);
                    } catch (Exception e) {
                        sample.error();
                    }
                }
            }, "bench-caller-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        sample.addTime(System.nanoTime() - start);
        return sample;
    }

    private static final class AsyncCaller {
        private final AsyncOp op;
        private final Sample sample;
        private final long deadline;
        private final CountDownLatch finished;

        AsyncCaller(AsyncOp op, Sample sample, long deadline, CountDownLatch finished) {
            this.op = op;
            this.sample = sample;
            this.deadline = deadline;
            this.finished = finished;
        }

        void next() {
            long t0 = System.nanoTime();
            op.start(error -> {
                if (error == null) {
                    sample.record(System.nanoTime() - t0);
                } else {
                    sample.error();
                }
                if (System.nanoTime() < deadline) {
                    next();
                } else {
                    finished.countDown();
                }
            });
        }
    }
}
