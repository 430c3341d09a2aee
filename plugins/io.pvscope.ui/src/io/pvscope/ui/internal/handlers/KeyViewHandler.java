package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** A command that acts on the active Key/Value view. */
abstract class KeyViewHandler extends AbstractHandler {

    @Override
    public final Object execute(ExecutionEvent event) {
        if (HandlerUtil.getActivePart(event) instanceof KeyValueView view) {
            execute(view, event);
        }
        return null;
    }

    abstract void execute(KeyValueView view, ExecutionEvent event);
}
