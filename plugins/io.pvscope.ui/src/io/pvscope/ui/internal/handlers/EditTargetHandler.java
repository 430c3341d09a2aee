package io.pvscope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.internal.views.TargetDialog;

/** Changes the selected target's name or address; a connected target is reconnected at its new address. */
public final class EditTargetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        List<Target> selected = Selections.of(event, Target.class);
        if (selected.size() != 1) {
            return null;
        }
        Target old = selected.get(0);
        Shell shell = HandlerUtil.getActiveShell(event);
        TargetDialog dialog = new TargetDialog(shell, old);
        if (dialog.open() != Window.OK || dialog.target().equals(old)) {
            return null;
        }
        TargetManager targets = PvScopeCore.targets();
        boolean wasConnected = targets.connection(old).state().status() != ConnectionStatus.DISCONNECTED;
        try {
            targets.replace(old, dialog.target());
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "Edit Target", e.getMessage());
            return null;
        }
        if (wasConnected) {
            Connecting.start(targets.connection(dialog.target()), shell.getDisplay());
        }
        return null;
    }
}
