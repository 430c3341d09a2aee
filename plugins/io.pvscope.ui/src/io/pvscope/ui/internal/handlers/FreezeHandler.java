package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Toggles freezing the Key/Value view: changes wait while the user reads. */
public final class FreezeHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        boolean frozen = !HandlerUtil.toggleCommandState(event.getCommand());
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        for (IViewReference reference : window.getActivePage().getViewReferences()) {
            if (PvScopeUi.KEY_VALUE_VIEW_ID.equals(reference.getId())
                    && reference.getView(false) instanceof KeyValueView view) {
                view.setFrozen(frozen);
            }
        }
        return null;
    }
}
