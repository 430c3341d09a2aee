package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;

/** Disconnects each selected target; this also stops any reconnecting. */
public final class DisconnectHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        for (Target target : Selections.of(event, Target.class)) {
            PvScopeCore.targets().connection(target).disconnect();
        }
        return null;
    }
}
