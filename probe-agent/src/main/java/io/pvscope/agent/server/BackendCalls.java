package io.pvscope.agent.server;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.connections.DeadlineQueue;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs each unary call's backend work under the backend deadline, so that a store that hangs (a locked pool
 * file, a xenstored that stopped answering) costs the caller DEADLINE_EXCEEDED instead of a thread forever.
 * The pool is bounded: calls beyond its threads wait in a bounded queue, and that wait counts against the
 * same deadline, so a hung store still ends them DEADLINE_EXCEEDED; only beyond the queue are calls
 * RESOURCE_EXHAUSTED. (Refusing as soon as all threads were busy refused healthy load: 33 concurrent reads
 * of a working store, well within the per-client limits, got RESOURCE_EXHAUSTED.) The pool grows only when
 * every thread it has is busy, so it holds about as many threads as calls run at once, not its maximum.
 */
final class BackendCalls implements AutoCloseable {

    static final int MAX_THREADS = 32;
    /** Calls waiting for a thread; each waits at most the backend deadline. */
    static final int MAX_QUEUED = 4096;

    interface Call<T> {
        T run() throws StoreException;
    }

    /** Backend work that sends its request and is answered later, on a thread of the store's. */
    interface AsyncCall<T> {
        CompletionStage<T> run() throws StoreException;
    }

    private final Supplier<AgentLimits> limits;
    private final ThreadPoolExecutor pool;
    /** Calls submitted and neither finished nor given up: more of them than threads means no thread is idle. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final DeadlineQueue deadlines;

    /**
     * @param threadName the pool's threads are named after it: "pvscope-backend-7"
     * @param deadlines  where asynchronous calls wait for their deadline
     */
    BackendCalls(Supplier<AgentLimits> limits, String threadName, DeadlineQueue deadlines) {
        this.limits = limits;
        this.deadlines = deadlines;
        AtomicInteger count = new AtomicInteger();
        GrowWhenBusyQueue queue = new GrowWhenBusyQueue();
        // No core threads: a pool grows past its core size only when its queue refuses a call, and the queue
        // refuses while every thread is busy and the pool can still grow (below); idle threads end after 30 s.
        this.pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (call, executor) -> {
            // The pool reached its maximum between the queue's refusal and the new thread: wait in the queue.
            if (executor.isShutdown() || !queue.enqueue(call)) {
                throw new RejectedExecutionException("queue full");
            }
        });
        queue.pool = pool;
    }

    /** Threads the pool holds now, for tests. */
    int threads() {
        return pool.getPoolSize();
    }

    /** Refuses a call while no thread is idle and the pool may still grow, so that the pool adds one. */
    private final class GrowWhenBusyQueue extends ArrayBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;
        private transient ThreadPoolExecutor pool;

        GrowWhenBusyQueue() {
            super(MAX_QUEUED);
        }

        @Override
        public boolean offer(Runnable call) {
            int threads = pool.getPoolSize();
            if (inFlight.get() > threads && threads < MAX_THREADS) {
                return false;
            }
            return super.offer(call);
        }

        boolean enqueue(Runnable call) {
            return super.offer(call);
        }
    }

    /** How an asynchronous call ends: exactly one of the two, on the backend's thread or at the deadline. */
    interface Outcome<T> {
        void succeeded(T result);

        void failed(Exception failure);
    }

    /**
     * Runs {@code call} on a backend thread and reports its outcome there, or DEADLINE_EXCEEDED at the backend
     * deadline: the caller's thread (a transport thread) does not wait, and no thread switches back to it.
     * Cancelling the returned entry (settling it) gives the call up: nothing is reported after that.
     */
    <T> DeadlineQueue.Entry submit(Call<T> call, Outcome<T> outcome) {
        return submitAsync(() -> CompletableFuture.completedFuture(call.run()), outcome);
    }

    /**
     * {@link #submit} for work answered on the store's own thread: the backend thread is free once the request
     * is sent, and the outcome is reported where the answer arrives.
     */
    <T> DeadlineQueue.Entry submitAsync(AsyncCall<T> call, Outcome<T> outcome) {
        Duration deadline = limits.get().backendDeadline();
        Work work = new Work();
        DeadlineQueue.Entry entry = deadlines.add(deadline.toNanos(), () -> {
            work.givenUp();
            outcome.failed(deadlineExceeded(deadline));
        });
        Runnable task = Context.current().wrap(() -> {
            if (!work.start()) {
                return;
            }
            if (entry.isSettled()) {
                // Given up (its caller cancelled) while it waited for a thread.
                work.ended();
                return;
            }
            CompletionStage<T> answer;
            try {
                answer = call.run();
            } catch (StoreException | RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            work.ended();
            reportWhenSettled(entry, answer, outcome);
        });
        try {
            execute(task, work);
        } catch (StatusRuntimeException e) {
            if (entry.settle()) {
                outcome.failed(e);
            }
        }
        return entry;
    }

    /**
     * Reports the outcome of work started without a backend thread when it completes, or DEADLINE_EXCEEDED at
     * the backend deadline. Work already complete is reported at once, and null returned: nothing to give up.
     */
    <T> DeadlineQueue.Entry whenAnswered(CompletionStage<T> answer, Outcome<T> outcome) {
        CompletableFuture<T> done = answer.toCompletableFuture();
        if (done.isDone()) {
            T result;
            try {
                result = done.join();
            } catch (RuntimeException failure) {
                outcome.failed(unwrapped(failure));
                return null;
            }
            outcome.succeeded(result);
            return null;
        }
        Duration deadline = limits.get().backendDeadline();
        DeadlineQueue.Entry entry = deadlines.add(deadline.toNanos(), () -> outcome.failed(deadlineExceeded(deadline)));
        reportWhenSettled(entry, answer, outcome);
        return entry;
    }

    /** Reports how {@code answer} ended unless {@code entry} was settled first (expired, given up). */
    private static <T> void reportWhenSettled(DeadlineQueue.Entry entry, CompletionStage<T> answer, Outcome<T> outcome) {
        answer.whenComplete((result, failure) -> {
            if (entry.settle()) {
                if (failure == null) {
                    outcome.succeeded(result);
                } else {
                    outcome.failed(unwrapped(failure));
                }
            }
        });
    }

    /** The failure a stage completed with, without the wrapper dependent stages add. */
    private static Exception unwrapped(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof Exception e ? e : new IllegalStateException(cause);
    }

    <T> T run(Call<T> call) throws StoreException {
        Duration deadline = limits.get().backendDeadline();
        Work work = new Work();
        FutureTask<T> future = new FutureTask<>(Context.current().wrap(() -> {
            if (!work.start()) {
                return null;
            }
            try {
                return call.run();
            } finally {
                work.ended();
            }
        }));
        execute(future, work);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Never interrupt a backend: an interrupt closes the NIO channels a store keeps open.
            future.cancel(false);
            work.givenUp();
            throw deadlineExceeded(deadline);
        } catch (InterruptedException e) {
            future.cancel(false);
            work.givenUp();
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * The failure a backend call or a store's stage ended with, as it was thrown there: a StoreException is
     * thrown, anything else returned for the caller to throw.
     */
    static RuntimeException rethrown(Throwable failure) throws StoreException {
        Exception cause = unwrapped(failure);
        if (cause instanceof StoreException store) {
            throw store;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private void execute(Runnable task, Work work) {
        inFlight.incrementAndGet();
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            work.givenUp();
            throw ErrorStatuses.limit(Status.Code.RESOURCE_EXHAUSTED, "backend_threads", "all " + MAX_THREADS
                    + " backend threads are busy and " + MAX_QUEUED + " calls wait (limit backend_threads)");
        }
    }

    private static StatusRuntimeException deadlineExceeded(Duration deadline) {
        return ErrorStatuses.limit(Status.Code.DEADLINE_EXCEEDED, "backend_deadline", "the store did not"
                + " answer within " + deadline.toMillis() + " ms (limit backend_deadline)");
    }

    /**
     * One call's place among the calls in flight, counted out once, when the work ends (before its caller can
     * wake and submit the next call). A call given up while still queued never runs, so its end is when it is
     * given up; one given up while it runs (a hung store) keeps its thread busy and stays counted, so that the
     * next call gets a thread of its own.
     */
    private final class Work {
        private final AtomicBoolean started = new AtomicBoolean();
        private final AtomicBoolean counted = new AtomicBoolean();

        /** False if the call was given up before a thread took it: it must not run then. */
        boolean start() {
            return started.compareAndSet(false, true);
        }

        void ended() {
            countOut();
        }

        void givenUp() {
            if (started.compareAndSet(false, true)) {
                countOut();
            }
        }

        private void countOut() {
            if (counted.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Stops taking calls and waits for those running to end (their outcomes reported), for tests. */
    boolean drain(Duration timeout) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
