package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.DeviceTreeView;

/** Reads the active PvScope view's data from the agent again. */
public final class RefreshHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (part instanceof KeyValueView keys) {
            keys.refresh();
        } else if (part instanceof DeviceTreeView devices) {
            devices.refresh();
        }
        return null;
    }
}
