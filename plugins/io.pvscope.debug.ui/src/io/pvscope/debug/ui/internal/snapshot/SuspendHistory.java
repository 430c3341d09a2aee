package io.pvscope.debug.ui.internal.snapshot;

import java.util.Set;

import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;

/**
 * The store at the last two suspends of one view's store. Only two are kept: the changed colour and the
 * comparison are both about the previous suspend, and a 50k-key store should not be held many times.
 */
public final class SuspendHistory {

    private StoreSnapshot previous;
    private StoreSnapshot current;

    /** Adds a snapshot; one of another target or unit starts the history again. */
    synchronized void add(StoreSnapshot snapshot) {
        if (current != null && (!current.target().equals(snapshot.target())
                || current.unit().number() != snapshot.unit().number())) {
            current = null;
        }
        previous = current;
        current = snapshot;
    }

    public synchronized StoreSnapshot previous() {
        return previous;
    }

    public synchronized StoreSnapshot current() {
        return current;
    }

    /** What changed from the previous suspend to the last one, or null before two suspends. */
    public synchronized SnapshotDiff diff() {
        return previous == null ? null : SnapshotDiff.between(previous, current);
    }

    /** Keys added or changed since the previous suspend: empty before two suspends. */
    public synchronized Set<String> changedKeys() {
        SnapshotDiff diff = diff();
        return diff == null ? Set.of() : diff.addedOrChangedKeys();
    }
}
