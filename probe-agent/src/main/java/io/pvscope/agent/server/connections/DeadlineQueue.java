package io.pvscope.agent.server.connections;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Deadlines of many short-lived things (a call's request message, a call's backend work), expired by one timer
 * task at a time instead of one scheduled task per thing. Scheduling and cancelling a task per call took a
 * lock of the timer's queue twice per call, and the cancelled tasks stayed queued until their deadline (tens
 * of thousands at full load with a 10 s deadline). Here a thing joins a FIFO queue; settled ones leave it from
 * the head as others join, and the timer runs only at the deadline of the oldest one still open.
 *
 * <p>Deadlines are expected in the order things join (one duration for all, as each user of this class has).
 * After a configuration reload shortens the duration, a thing behind a longer-lived one may expire late, by at
 * most the difference between the two durations.
 */
public final class DeadlineQueue {

    /** One thing with a deadline: settled once, by whoever comes first (its end, or its expiry). */
    public static final class Entry {

        private final long deadlineNanos;
        private final Runnable onExpiry;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Entry(long deadlineNanos, Runnable onExpiry) {
            this.deadlineNanos = deadlineNanos;
            this.onExpiry = onExpiry;
        }

        /** Settles the entry before its deadline; false if it had already expired (or was settled). */
        public boolean settle() {
            return settled.compareAndSet(false, true);
        }

        /** Whether it ended, expired, or was given up. */
        public boolean isSettled() {
            return settled.get();
        }
    }

    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    /** Taken to remove entries from the head, so that what is peeked is what is polled; offers need no lock. */
    private final ReentrantLock head = new ReentrantLock();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    public DeadlineQueue(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Adds a thing that runs {@code onExpiry} (on the timer's thread) unless settled within {@code timeoutNanos}. */
    public Entry add(long timeoutNanos, Runnable onExpiry) {
        long now = System.nanoTime();
        Entry entry = new Entry(now + timeoutNanos, onExpiry);
        queue.offer(entry);
        // Keeps the queue as long as what is open, not as long as what joined within one deadline.
        if (head.tryLock()) {
            try {
                dropSettledHead();
            } finally {
                head.unlock();
            }
        }
        if (sweepScheduled.compareAndSet(false, true)) {
            schedule(timeoutNanos);
        }
        return entry;
    }

    /** Entries waiting, settled or not, for tests. */
    int size() {
        return queue.size();
    }

    private void sweep() {
        sweepScheduled.set(false);
        Entry next;
        head.lock();
        try {
            long now = System.nanoTime();
            while (true) {
                dropSettledHead();
                Entry oldest = queue.peek();
                if (oldest == null || oldest.deadlineNanos - now > 0) {
                    next = oldest;
                    break;
                }
                queue.poll();
                if (oldest.settle()) {
                    run(oldest.onExpiry);
                }
            }
        } finally {
            head.unlock();
        }
        // Another sweep may be scheduled by an add meanwhile, for a later deadline: this one's is the oldest.
        if (next != null) {
            sweepScheduled.set(true);
            schedule(Math.max(0, next.deadlineNanos - System.nanoTime()));
        }
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::sweep, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The agent is stopping: its calls end with it.
        }
    }

    private void dropSettledHead() {
        Entry oldest;
        while ((oldest = queue.peek()) != null && oldest.isSettled()) {
            queue.poll();
        }
    }

    private static void run(Runnable onExpiry) {
        try {
            onExpiry.run();
        } catch (RuntimeException e) {
            // One failing expiry must not stop the others'; the thing it expired is gone either way.
        }
    }
}
