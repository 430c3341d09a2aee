package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;

/** Connects each selected target, each as a Job the user can cancel. */
public final class ConnectHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        for (Target target : Selections.of(event, Target.class)) {
            Connecting.start(PvScopeCore.targets().connection(target), HandlerUtil.getActiveShell(event).getDisplay());
        }
        return null;
    }
}
