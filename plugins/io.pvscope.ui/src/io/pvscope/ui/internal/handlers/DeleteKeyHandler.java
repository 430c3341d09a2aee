package io.pvscope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Deletes the selected keys with everything below them, after asking. */
public final class DeleteKeyHandler extends KeyWriteHandler {

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        List<KeyNode> selected = view.selectedNodes().stream().filter(node -> !node.isDeleted()).toList();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "'" + selected.get(0).key() + "'" : selected.size() + " keys";
        if (MessageDialog.openConfirm(HandlerUtil.getActiveShell(event), "Delete Keys",
                "Delete " + what + " and everything below from the agent's store?")) {
            view.operations().delete(selected);
        }
    }
}
