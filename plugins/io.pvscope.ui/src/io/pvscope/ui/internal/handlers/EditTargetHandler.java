package io.pvscope.ui.internal.handlers;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.SecretStore;
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
        TargetManager targets = PvScopeCore.targets();
        SecretStore secrets = targets.secrets();
        TargetDialog dialog = new TargetDialog(shell, old, secrets.token(old).isPresent());
        if (dialog.open() != Window.OK) {
            return null;
        }
        if (dialog.target().equals(old)) {
            // Only the token may have changed; it is used from the next connect on.
            dialog.token().ifPresent(token -> secrets.setToken(old, token));
            return null;
        }
        boolean wasConnected = targets.connection(old).state().status() != ConnectionStatus.DISCONNECTED;
        try {
            targets.replace(old, dialog.target());
            moveToken(secrets, old, dialog.target(), dialog.token());
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "Edit Target", e.getMessage());
            return null;
        }
        if (wasConnected) {
            Connecting.start(targets.connection(dialog.target()), shell.getDisplay());
        }
        return null;
    }

    /** Tokens are kept by address: one typed in replaces the old, otherwise the old follows the target. */
    private static void moveToken(SecretStore secrets, Target old, Target edited, Optional<String> typed) {
        Optional<String> token = typed.isPresent() ? typed : secrets.token(old);
        if (!old.sameAddress(edited)) {
            secrets.removeToken(old);
        }
        token.ifPresent(value -> secrets.setToken(edited, value));
    }
}
