package io.pvscope.debug.ui.internal.snapshot;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.ui.keyvalue.StoreView;

/** Shows what changed in the active Key/Value view's store between the last two suspends. */
public final class CompareSuspendsHandler extends AbstractHandler {

    public static final String TITLE = "Compare with Previous Suspend";

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getActivePart(event) instanceof StoreView view)) {
            return null;
        }
        SuspendHistory history = SuspendSnapshots.instance().history(view);
        if (history.previous() == null) {
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), TITLE,
                    "The store is compared between two suspends of a launch whose PvScope tab names this target."
                            + (history.current() == null ? " No suspend was seen yet." : " One suspend was seen so far."));
            return null;
        }
        // Parented by the view's window, not whatever shell is active (a hover or popup would take the dialog
        // down with it when it closes).
        SnapshotDiffDialog dialog = new SnapshotDiffDialog(view.getSite().getShell(), history.previous(),
                history.current());
        // Not blocking: the user may keep it open beside the views while stepping on.
        dialog.setBlockOnOpen(false);
        dialog.open();
        return null;
    }
}
