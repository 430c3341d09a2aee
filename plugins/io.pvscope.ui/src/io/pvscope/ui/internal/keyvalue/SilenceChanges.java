package io.pvscope.ui.internal.keyvalue;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.ui.keyvalue.KeyChangesDialog;

/**
 * What changed in the store while the view showed only the last-known keys (the agent did not answer, or
 * its store was unavailable): the keys are copied when they turn last known and compared with the store once
 * it answers again and the changes queued meanwhile have arrived. Keys added or changed are then painted in
 * the changed colour, and the whole list stays available until the next silence. Runs on the UI thread.
 */
final class SilenceChanges {

    /**
     * How long after the keys are current again the comparison waits: a guest that was stopped sends what
     * changed meanwhile as ordinary updates, right after it runs again.
     */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /**
     * One comparison.
     *
     * @param before the keys when they turned last known
     * @param after  the keys once current again and settled
     * @param diff   from {@code before} to {@code after}
     * @param cause  what made the keys last known, as a sentence's end ("did not answer")
     */
    record Result(StoreSnapshot before, StoreSnapshot after, SnapshotDiff diff, String cause) {

        /** One line for the status line and the dialog. */
        String summary() {
            return after.target().name() + " unit " + after.unit().number() + ": "
                    + KeyChangesDialog.counts(diff) + " while " + cause + " (from " + TIME.format(before.isLastKnown() ? before.lastKnownSince() : before.taken())
                    + " to " + TIME.format(after.taken()) + ")";
        }
    }

    private final KeyValueView view;
    private StoreSnapshot before;
    private String cause;
    /** When the keys became current again (System.nanoTime), or 0 while they are not or nothing is pending. */
    private long currentSince;
    private Result last;

    SilenceChanges(KeyValueView view) {
        this.view = view;
    }

    /** The keys shown turned last known: remember them, unless a silence is already being followed. */
    void turnedLastKnown(String why) {
        currentSince = 0;
        StoreSnapshot now = view.snapshot();
        // A silence of another store that never settled (its target removed at once) is no base for this one.
        if (before == null || now != null && !sameStore(before, now)) {
            before = now;
            cause = why;
        }
    }

    private static boolean sameStore(StoreSnapshot a, StoreSnapshot b) {
        return a.target().equals(b.target()) && a.unit().number() == b.unit().number();
    }

    /** The keys are current again: compare once what was queued has arrived. */
    void turnedCurrent() {
        if (before != null) {
            currentSince = System.nanoTime();
        }
    }

    /** Another store is shown: what was remembered is about the old one. */
    void forget() {
        before = null;
        currentSince = 0;
        last = null;
    }

    /**
     * Called at every pump: once the keys have been current for {@link #SETTLE}, the session shows its tree
     * and nothing is queued, compares, marks added and changed keys and says what changed.
     *
     * @return the new comparison, or empty when none was made now
     */
    Optional<Result> settle(StoreSession session) {
        if (before == null || currentSince == 0 || System.nanoTime() - currentSince < SETTLE.toNanos()
                || session == null || !session.shown() || session.feed().pending() > 0 || view.showsLastKnown()) {
            return Optional.empty();
        }
        StoreSnapshot after = view.snapshot();
        StoreSnapshot was = before;
        before = null;
        currentSince = 0;
        if (after == null || !sameStore(was, after)) {
            return Optional.empty();
        }
        SnapshotDiff diff = SnapshotDiff.between(was, after);
        diff.addedOrChangedKeys().forEach(session.tree()::markChanged);
        last = new Result(was, after, diff, cause);
        return Optional.of(last);
    }

    /** The last comparison made, until the store shown changes. */
    Optional<Result> last() {
        return Optional.ofNullable(last);
    }
}
