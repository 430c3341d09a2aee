package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.internal.views.TargetDialog;

/** Asks for an agent's address, adds it and connects. */
public final class AddTargetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        TargetDialog dialog = new TargetDialog(shell);
        if (dialog.open() == Window.OK) {
            TargetManager targets = PvScopeCore.targets();
            Target target = targets.add(dialog.target());
            dialog.token().ifPresent(token -> targets.secrets().setToken(target, token));
            Connecting.start(targets.connection(target), shell.getDisplay());
        }
        return null;
    }
}
