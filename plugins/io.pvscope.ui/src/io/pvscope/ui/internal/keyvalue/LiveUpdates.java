package io.pvscope.ui.internal.keyvalue;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.widgets.Display;

import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;

/**
 * Applies a session's Watch events to the viewer on the UI thread: the complete snapshot (built off the UI
 * thread) is handed over at once, later changes as they arrive in batches of bounded time, and changed
 * rows are repainted while their colour fades.
 */
final class LiveUpdates {

    /** How often queued stream events are applied and fading colours repainted. */
    private static final int PUMP_MILLIS = 40;
    /** At most this long per pump applying events, so painting and input stay responsive. */
    private static final long BATCH_NANOS = 15_000_000L;

    private final KeyValueView view;
    private final Set<KeyNode> fading = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Runnable pump = this::pump;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** The tree the viewer shows; may belong to an older session until the new one's snapshot is in. */
    private KeyTree shown;
    /** The unit whose keys {@link #shown} holds: it stays after its session stopped, as the tree does. */
    private UnitDescriptor shownUnit;
    /** Since when the shown keys are the last known, fixed when they turn so; null while they are current. */
    private Instant lastKnownFrom;
    /** Kept for {@link #wake()}, which runs on the stream's thread and must not ask a widget for it. */
    private volatile Display display;

    /** Whether the rows were last painted as last known. */
    private boolean showingLastKnown;
    /** The connection and its count of interruptions at the last look, to notice a silence missed between. */
    private TargetConnection interruptedConnection;
    private long seenInterruptions;

    LiveUpdates(KeyValueView view) {
        this.view = view;
    }

    void start(Display on) {
        display = on;
        display.timerExec(PUMP_MILLIS, pump);
    }

    /** The tree the viewer shows, or null. */
    KeyTree shown() {
        return shown;
    }

    /** The unit whose keys are shown, or null. */
    UnitDescriptor shownUnit() {
        return shownUnit;
    }

    /**
     * Whether the rows are painted as last known: what the last look at the view's state found, not the state
     * now. Rows painted between two looks then agree with the repaint that follows the next change, even when
     * the state turned and turned back in between (a silence shorter than a pump).
     */
    boolean showingLastKnown() {
        return showingLastKnown;
    }

    /** Since when the keys shown are the last known, as fixed when they turned so; null before that. */
    Instant lastKnownFrom() {
        return lastKnownFrom;
    }

    /** The shown tree when it is {@code from}'s, or null: results of an older session are dropped. */
    KeyTree shownFor(StoreSession from) {
        return from != null && from == view.follower().session() && from.tree() == shown ? shown : null;
    }

    /** Shows no tree (another store is chosen). */
    void clear() {
        if (shown != null) {
            shown = null;
            shownUnit = null;
            fading.clear();
            view.keyViewer().clear();
        }
        view.silenceChanges().forget();
    }

    /** Repaints the rows of what changed in the shown tree since the last call. */
    void applyChanges() {
        if (shown == null) {
            return;
        }
        KeyTree.Changes changes = shown.takeChanges();
        if (changes.isEmpty()) {
            return;
        }
        Set<KeyNode> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        parents.addAll(changes.parents());
        long now = System.nanoTime();
        for (KeyNode node : changes.nodes()) {
            parents.add(node.parent());
            if (view.colours().fading(node, now)) {
                fading.add(node);
            }
        }
        view.keyViewer().relabel(shown, parents);
    }

    /** Repaints the rows under {@code node}'s parent. */
    void relabelSiblings(KeyNode node) {
        if (shown != null) {
            view.keyViewer().relabel(shown, Set.of(node.parent()));
        }
    }

    /**
     * Called on the stream's thread when something arrived: applies it on the UI thread at once rather than
     * at the next pump, so a change is painted within milliseconds. Wakes are coalesced.
     */
    void wake() {
        Display display = this.display;
        if (display != null && woken.compareAndSet(false, true)) {
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    woken.set(false);
                    if (!view.keyViewer().isDisposed()) {
                        apply();
                    }
                });
            }
        }
    }

    private void pump() {
        if (view.keyViewer().isDisposed()) {
            return;
        }
        try {
            apply();
            fade();
            view.silenceChanges().settle(view.follower().session())
                    .ifPresent(result -> view.status().message(result.summary()
                            + (result.diff().isEmpty() ? "" : "; Changes While Last Known in the view menu lists them")));
        } finally {
            display.timerExec(PUMP_MILLIS, pump);
        }
    }

    /** Shows a complete snapshot, applies queued changes for at most a batch's time, says how it goes. */
    private void apply() {
        // Before any event is applied: the tree then still holds what was known when the agent went silent.
        lastKnownChanged();
        StoreSession current = view.follower().session();
        if (current == null) {
            return;
        }
        if (view.isFrozen()) {
            view.status().describe();
            return;
        }
        KeyFeed feed = current.feed();
        if (!current.shown() && feed.snapshotBuilt()) {
            show(current);
        }
        if (current.shown()) {
            feed.drainInto(current.tree(), BATCH_NANOS);
            current.tree().purgeDeleted(System.nanoTime() - view.colours().fade().toNanos());
            applyChanges();
        }
        if (current.takeFailure()) {
            // Also in the status line: the description may say the connection's state instead.
            view.status().error(current.loadingJob().getName() + " failed: " + StoreErrors.describe(feed.failure()));
        }
        if (feed.isOver() && feed.failure() != null || !current.shown() || feed.pending() > 0) {
            view.status().describe();
        }
        if (feed.pending() > 0) {
            // More than a batch came: the rest follows after painting and input had their turn.
            wake();
        }
    }

    /** Hands a complete snapshot to the viewer, keeping what was expanded in the tree it replaces. */
    private void show(StoreSession ready) {
        view.status().error(null);
        ready.tree().takeChanges();
        // The filter's matches are worked out once, on the complete snapshot.
        ready.tree().setFilter(view.filter());
        KeyTree previous = shown;
        shown = ready.tree();
        shownUnit = ready.unit();
        fading.clear();
        view.keyViewer().show(previous, shown);
        ready.markShown();
        view.status().describe();
    }

    /**
     * Repaints every row when they turn last known (greyed) or current again, and says so above them. A
     * silence that began and ended between two looks (the UI thread was busy) still counts: the connection
     * says how often it was interrupted, and the events sent after it are not applied yet.
     */
    private void lastKnownChanged() {
        boolean now = view.showsLastKnown();
        TargetConnection connection = view.connection();
        long interruptions = connection == null ? 0 : connection.interruptions();
        boolean missed = !now && !showingLastKnown && connection == interruptedConnection
                && interruptions != seenInterruptions && shown != null;
        interruptedConnection = connection;
        seenInterruptions = interruptions;
        if (missed) {
            view.silenceChanges().turnedLastKnown(view.lastKnownCause(true));
            view.silenceChanges().turnedCurrent();
        }
        if (now != showingLastKnown) {
            showingLastKnown = now;
            lastKnownFrom = null;
            if (now) {
                lastKnownFrom = view.lastKnownSince().orElse(null);
                view.silenceChanges().turnedLastKnown(view.lastKnownCause(true));
            } else {
                view.silenceChanges().turnedCurrent();
            }
            view.keyViewer().refreshAll();
            view.status().describe();
        }
    }

    /** Repaints the keys whose colour is still fading, and once more when it is gone. */
    private void fade() {
        if (fading.isEmpty() || shown == null) {
            return;
        }
        long now = System.nanoTime();
        Set<KeyNode> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Iterator<KeyNode> each = fading.iterator(); each.hasNext();) {
            KeyNode node = each.next();
            if (!view.colours().fading(node, now)) {
                each.remove();
            }
            if (!node.isDeleted()) {
                parents.add(node.parent());
            }
        }
        view.keyViewer().relabel(shown, parents);
    }
}
