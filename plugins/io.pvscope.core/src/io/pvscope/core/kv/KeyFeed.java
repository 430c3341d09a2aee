package io.pvscope.core.kv;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.pvscope.core.WatchListener;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchStarted;

/**
 * Queues a Watch stream's events as they arrive on gRPC threads, so that the thread owning a
 * {@link KeyTree} can apply them in batches of bounded time (a UI thread must never stall on a 50k-key
 * snapshot).
 */
public final class KeyFeed implements WatchListener {

    private final Queue<WatchEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger snapshotEntries = new AtomicInteger();
    private volatile WatchStarted started;
    private volatile boolean syncReceived;
    private volatile Throwable failure;
    private volatile boolean ended;

    @Override
    public void event(WatchEvent event) {
        switch (event.getEventCase()) {
            case STARTED -> started = event.getStarted();
            case SNAPSHOT -> snapshotEntries.incrementAndGet();
            default -> {
                // Counted when applied.
            }
        }
        events.add(event);
        queued.incrementAndGet();
        if (event.hasSync()) {
            syncReceived = true;
        }
    }

    @Override
    public void failed(Throwable error) {
        failure = error;
    }

    @Override
    public void ended() {
        ended = true;
    }

    /**
     * Applies queued events to {@code tree} until the queue is empty or {@code budgetNanos} passed.
     *
     * @return how many events were applied
     */
    public int drainInto(KeyTree tree, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        int applied = 0;
        WatchEvent event;
        while ((event = events.poll()) != null) {
            queued.decrementAndGet();
            tree.apply(event);
            applied++;
            // Checking the clock every event would cost more than the events themselves.
            if ((applied & 0xff) == 0 && System.nanoTime() - deadline > 0) {
                break;
            }
        }
        return applied;
    }

    /** Events received and not yet applied. */
    public int pending() {
        return queued.get();
    }

    /** Snapshot entries received so far (applied or not). */
    public int snapshotEntries() {
        return snapshotEntries.get();
    }

    /** How the agent watches: natively or by polling at an interval; null until the stream started. */
    public WatchStarted started() {
        return started;
    }

    public boolean syncReceived() {
        return syncReceived;
    }

    /** Why the stream broke, or null. */
    public Throwable failure() {
        return failure;
    }

    /** True when the stream is over, broken or ended by the agent. */
    public boolean isOver() {
        return ended || failure != null;
    }
}
