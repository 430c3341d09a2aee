package io.pvscope.ui.internal.handlers;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Saves the selected key and what the filter shows below it (or the whole shown store) to a text file. */
public final class ExportKeysHandler extends KeyViewHandler {

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        KeyTree tree = view.tree();
        if (tree == null) {
            return;
        }
        List<KeyNode> selected = view.selectedNodes();
        KeyNode from = selected.isEmpty() ? tree.root() : selected.get(0);
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShell(event), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFileName((from.key().isEmpty() ? "store" : from.name()) + ".txt");
        String file = dialog.open();
        if (file != null) {
            view.operations().export(tree, from, Path.of(file));
        }
    }
}
