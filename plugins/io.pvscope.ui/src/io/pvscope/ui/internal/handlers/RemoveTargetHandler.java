package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;

/** Forgets the selected targets, closing their connections. */
public final class RemoveTargetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Selections.of(event, Target.class).forEach(PvScopeCore.targets()::remove);
        return null;
    }
}
