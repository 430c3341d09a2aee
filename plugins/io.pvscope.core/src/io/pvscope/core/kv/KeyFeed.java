package io.pvscope.core.kv;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.pvscope.core.WatchListener;
import io.pvscope.core.internal.ProtoModels;
import io.pvscope.proto.v1.WatchEvent;

/**
 * Queues a Watch stream's events as they arrive on gRPC threads, so that the thread owning a
 * {@link KeyTree} can apply them in batches of bounded time (a UI thread must never stall on a 50k-key
 * snapshot).
 * <p>
 * A feed made with {@link #buildingSnapshotOf(KeyTree)} goes further: it applies the snapshot to the tree
 * itself, on the stream's thread, and queues only what comes after the sync marker. The owning thread
 * takes the tree over once {@link #snapshotBuilt()} is true, and must not touch it before.
 */
public final class KeyFeed implements WatchListener {

    private final Queue<WatchEvent> events = new ConcurrentLinkedQueue<>();
    /** The tree the snapshot is applied to on arrival, or null to queue every event. */
    private final KeyTree building;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger snapshotEntries = new AtomicInteger();
    private volatile WatchMode started;
    private volatile boolean syncReceived;
    private volatile Throwable failure;
    private volatile boolean ended;
    /** Written last when the snapshot is complete in {@link #building}: reading it true hands the tree over. */
    private volatile boolean snapshotBuilt;
    private volatile Runnable arrived = () -> {
    };

    /** A feed that queues every event for the owner of the tree to apply. */
    public KeyFeed() {
        this(null);
    }

    private KeyFeed(KeyTree building) {
        this.building = building;
    }

    /** A feed that builds {@code tree} from the snapshot as it arrives, then queues the changes after it. */
    public static KeyFeed buildingSnapshotOf(KeyTree tree) {
        return new KeyFeed(tree);
    }

    /**
     * Runs {@code wake} (on the stream's thread) when an event was queued or the snapshot became complete,
     * so that the owner can apply it at once instead of at its next look.
     */
    public void whenArrived(Runnable wake) {
        arrived = wake;
    }

    @Override
    public void event(WatchEvent event) {
        switch (event.getEventCase()) {
            case STARTED -> started = ProtoModels.watchMode(event.getStarted());
            case SNAPSHOT -> snapshotEntries.incrementAndGet();
            default -> {
                // Counted when applied.
            }
        }
        // The stream's events come one at a time, so the snapshot is applied before anything queued after it.
        if (building != null && !snapshotBuilt) {
            building.apply(event);
            if (event.hasSync()) {
                syncReceived = true;
                snapshotBuilt = true;
                arrived.run();
            }
            return;
        }
        events.add(event);
        queued.incrementAndGet();
        if (event.hasSync()) {
            syncReceived = true;
        }
        arrived.run();
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
    public WatchMode started() {
        return started;
    }

    /** True once the tree given to {@link #buildingSnapshotOf} holds the complete snapshot and is the caller's. */
    public boolean snapshotBuilt() {
        return snapshotBuilt;
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
