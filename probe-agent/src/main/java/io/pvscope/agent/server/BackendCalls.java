package io.pvscope.agent.server;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.StoreException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs each unary call's backend work under the backend deadline, so that a store that hangs (a locked pool
 * file, a xenstored that stopped answering) costs the caller DEADLINE_EXCEEDED instead of a thread forever.
 * The pool is bounded: calls beyond its threads wait in a bounded queue, and that wait counts against the
 * same deadline, so a hung store still ends them DEADLINE_EXCEEDED; only beyond the queue are calls
 * RESOURCE_EXHAUSTED. (Refusing as soon as all threads were busy refused healthy load: 33 concurrent reads
 * of a working store, well within the per-client limits, got RESOURCE_EXHAUSTED.)
 */
final class BackendCalls implements AutoCloseable {

    static final int MAX_THREADS = 32;
    /** Calls waiting for a thread; each waits at most the backend deadline. */
    static final int MAX_QUEUED = 4096;

    interface Call<T> {
        T run() throws StoreException;
    }

    private final Supplier<AgentLimits> limits;
    private final ThreadPoolExecutor pool;

    /** @param threadName the pool's threads are named after it: "pvscope-backend-7" */
    BackendCalls(Supplier<AgentLimits> limits, String threadName) {
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        // Core threads equal to the maximum, timing out when idle: a bounded queue only grows a pool past its
        // core size once the queue is full, which would leave calls queued behind idle capacity.
        this.pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
                    Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    <T> T run(Call<T> call) throws StoreException {
        Duration deadline = limits.get().backendDeadline();
        Future<T> future;
        try {
            future = pool.submit(Context.current().wrap(call::run));
        } catch (RejectedExecutionException e) {
            throw ErrorStatuses.limit(Status.Code.RESOURCE_EXHAUSTED, "backend_threads", "all " + MAX_THREADS
                    + " backend threads are busy and " + MAX_QUEUED + " calls wait (limit backend_threads)");
        }
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Never interrupt a backend: an interrupt closes the NIO channels a store keeps open.
            future.cancel(false);
            throw ErrorStatuses.limit(Status.Code.DEADLINE_EXCEEDED, "backend_deadline", "the store did not"
                    + " answer within " + deadline.toMillis() + " ms (limit backend_deadline)");
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException store) {
                throw store;
            }
            if (cause instanceof StatusRuntimeException status) {
                throw status;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
