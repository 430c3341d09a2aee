package io.pvscope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.keyvalue.AddKeyDialog;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Asks for a key and a value, suggesting a path under the selected directory, and writes it. */
public final class AddKeyHandler extends KeyWriteHandler {

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        if (view.tree() == null) {
            return;
        }
        List<KeyNode> selected = view.selectedNodes();
        String prefix = "";
        if (!selected.isEmpty()) {
            KeyNode node = selected.get(0);
            KeyNode directory = node.hasChildren() ? node : node.parent();
            prefix = directory == null || directory.key().isEmpty() ? "" : directory.key() + "/";
        }
        AddKeyDialog dialog = new AddKeyDialog(HandlerUtil.getActiveShell(event), prefix);
        if (dialog.open() == Window.OK) {
            view.operations().addKey(dialog.key(), dialog.value());
        }
    }
}
