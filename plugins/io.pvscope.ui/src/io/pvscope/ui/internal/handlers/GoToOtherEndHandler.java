package io.pvscope.ui.internal.handlers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.jface.viewers.StructuredSelection;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.XenbusKeys;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * Selects the other end of the XenBus device the selected key belongs to: the backend its frontend's
 * {@code backend} node names, or the frontend a backend's {@code frontend} node names. Which one is given in
 * plugin.xml after the class name ({@code GoToOtherEndHandler:backend}).
 */
public final class GoToOtherEndHandler extends KeyViewHandler implements IExecutableExtension {

    private String which = "backend";

    @Override
    public void setInitializationData(IConfigurationElement config, String property, Object data) {
        if (data instanceof String name && !name.isBlank()) {
            which = name.trim().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        List<KeyNode> selected = view.selectedNodes();
        if (selected.size() != 1 || view.tree() == null) {
            return;
        }
        Optional<String> path = XenbusKeys.otherEnd(selected.get(0), which);
        if (path.isEmpty()) {
            view.showMessage(selected.get(0).key() + " is not in a XenBus device's directory with a '" + which
                    + "' node.");
            return;
        }
        KeyNode target = view.tree().find(path.get());
        if (target == null) {
            view.showMessage("The " + which + " " + path.get() + " is not among this store's keys"
                    + " (missing, or not readable from here).");
            return;
        }
        view.viewer().setSelection(new StructuredSelection(target), true);
        view.showMessage(which + ": " + path.get());
    }
}
