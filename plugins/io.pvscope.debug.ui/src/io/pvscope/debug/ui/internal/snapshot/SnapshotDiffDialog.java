package io.pvscope.debug.ui.internal.snapshot;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.swt.widgets.Shell;

import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.ui.keyvalue.KeyChangesDialog;

/**
 * The keys added, removed and changed between two suspends, new values in the debug platform's
 * changed-value colours. A suspend taken while the target did not answer (the normal case when the guest's
 * kernel is the program stopped) holds the last-known keys, and the comparison says which side that is.
 */
public final class SnapshotDiffDialog extends KeyChangesDialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    public SnapshotDiffDialog(Shell parent, StoreSnapshot before, StoreSnapshot after) {
        this(parent, before, after, SnapshotDiff.between(before, after));
    }

    private SnapshotDiffDialog(Shell parent, StoreSnapshot before, StoreSnapshot after, SnapshotDiff diff) {
        super(parent, diff, new Wording(CompareSuspendsHandler.TITLE, summary(before, after, diff),
                "At the previous suspend" + lastKnownMark(before), "At this suspend" + lastKnownMark(after)),
                SuspendSnapshots.changedColour(), SuspendSnapshots.changedBackground());
    }

    static String summary(StoreSnapshot before, StoreSnapshot after, SnapshotDiff diff) {
        String where = after.target().name() + " unit " + after.unit().number()
                + (after.unit().store().isEmpty() ? "" : " (" + after.unit().store() + ")");
        StringBuilder text = new StringBuilder(where).append(", from the suspend at ").append(TIME.format(before.taken()))
                .append(" to the one at ").append(TIME.format(after.taken())).append(": ")
                .append(diff.isEmpty() ? "no key changed." : counts(diff) + " of " + after.size() + " keys.");
        lastKnown(text, "previous", before);
        lastKnown(text, "this", after);
        return text.toString();
    }

    private static void lastKnown(StringBuilder text, String which, StoreSnapshot snapshot) {
        if (snapshot.isLastKnown()) {
            text.append(" At ").append(which).append(" suspend the target had not answered since ")
                    .append(TIME.format(snapshot.lastKnownSince()))
                    .append(": its keys are the last known, read before then.");
        }
    }

    private static String lastKnownMark(StoreSnapshot snapshot) {
        return snapshot.isLastKnown() ? " (last known)" : "";
    }
}
