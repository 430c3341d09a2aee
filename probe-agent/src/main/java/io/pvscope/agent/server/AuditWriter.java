package io.pvscope.agent.server;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Hands audit lines to a thread of their own, so that a reader that stops reading (a stuck journal, a full
 * pipe, a slow disk) stops no thread that answers calls, accepts connections or does TLS handshakes.
 * A line of a change waits for room in the queue: it must not be lost. Refusals come at the rate of whatever
 * floods the agent, so when the queue is full they are counted instead, and the count is written as a line
 * of its own as soon as the writer catches up.
 */
final class AuditWriter {

    /** Lines waiting to be written, at most. */
    static final int CAPACITY = 4096;

    private final BlockingQueue<String> queue;
    private final Consumer<String> sink;
    private final LongFunction<String> droppedLine;
    private final AtomicLong dropped = new AtomicLong();
    /** Lines handed to the writer so far, and of those the ones written or counted as dropped. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Object progress = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param sink        writes one line where audit lines go; called on the writer's thread only (or the
     *                    caller's, once closed)
     * @param droppedLine the line that says how many refusals were not written
     */
    AuditWriter(int capacity, Consumer<String> sink, LongFunction<String> droppedLine) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.droppedLine = droppedLine;
    }

    /** Queues a line that must be written, waiting for room while the writer is behind. */
    void put(String line) {
        if (writtenHere(line)) {
            return;
        }
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!queue.offer(line)) {
                countDropped();
            }
        }
    }

    /** Queues a line if there is room, else counts it as dropped; never waits. */
    void offer(String line) {
        if (!writtenHere(line) && !queue.offer(line)) {
            countDropped();
        }
    }

    /**
     * Once closed, writes the line on the caller's thread; else counts it as queued before it is, so that a
     * flush that starts meanwhile waits until it is written or counted as dropped.
     */
    private boolean writtenHere(String line) {
        if (closed) {
            sink.accept(line);
            return true;
        }
        started();
        queued.incrementAndGet();
        return false;
    }

    private void countDropped() {
        dropped.incrementAndGet();
        settledOne();
    }

    private void settledOne() {
        synchronized (progress) {
            settled.incrementAndGet();
            progress.notifyAll();
        }
    }

    /**
     * Waits until every line queued before this call is written (or counted as dropped); false when
     * {@code limit} passed first.
     */
    boolean flush(Duration limit) {
        long target = queued.get();
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (progress) {
            while (settled.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void started() {
        if (thread == null) {
            synchronized (this) {
                if (thread == null && !closed) {
                    Thread writer = new Thread(this::writeLines, "pvscope-audit");
                    writer.setDaemon(true);
                    writer.start();
                    thread = writer;
                }
            }
        }
    }

    private void writeLines() {
        while (!closed || !queue.isEmpty()) {
            String line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                if (closed) {
                    line = queue.poll();
                } else {
                    continue;
                }
            }
            if (line != null) {
                writeOne(line);
                settledOne();
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                writeOne(droppedLine.apply(lost));
            }
        }
    }

    private void writeOne(String line) {
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            // The sink reports its own failures; nothing else may stop the writer.
        }
    }

    /** Writes what is queued (waiting at most {@code limit}), then writes further lines on the caller's thread. */
    void close(Duration limit) {
        flush(limit);
        closed = true;
        Thread writer = thread;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A line queued while the writer stopped.
        for (String line = queue.poll(); line != null; line = queue.poll()) {
            writeOne(line);
        }
    }
}
