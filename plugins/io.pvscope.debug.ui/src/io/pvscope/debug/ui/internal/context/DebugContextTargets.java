package io.pvscope.debug.ui.internal.context;

import java.util.function.Consumer;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchWindow;

import io.pvscope.core.Target;
import io.pvscope.debug.ui.PvScopeLaunch;
import io.pvscope.debug.ui.internal.Startup;
import io.pvscope.ui.follow.TargetSource;

/**
 * Points the PvScope views at the target of the launch selected in the debug context (a launch, process,
 * thread or stack frame in the Debug view, or whatever a debugger's own views make the context).
 */
public final class DebugContextTargets implements TargetSource {

    @Override
    public Runnable follow(IWorkbenchWindow window, Consumer<Target> pointed) {
        // A view opening is the latest moment the launch and suspend listeners must be running.
        Startup.ensureStarted();
        IDebugContextService service = DebugUITools.getDebugContextManager().getContextService(window);
        IDebugContextListener listener = event -> {
            if ((event.getFlags() & DebugContextEvent.ACTIVATED) != 0) {
                report(event.getContext(), pointed);
            }
        };
        service.addDebugContextListener(listener);
        report(service.getActiveContext(), pointed);
        return () -> service.removeDebugContextListener(listener);
    }

    private static void report(ISelection context, Consumer<Target> pointed) {
        ILaunch launch = launchOf(context);
        if (launch != null) {
            PvScopeLaunch.target(launch.getLaunchConfiguration()).ifPresent(pointed);
        }
    }

    /** The launch behind the context's first element, or null. */
    public static ILaunch launchOf(ISelection context) {
        if (!(context instanceof IStructuredSelection selection) || selection.isEmpty()) {
            return null;
        }
        Object element = selection.getFirstElement();
        if (element instanceof ILaunch launch) {
            return launch;
        }
        if (element instanceof IDebugElement debugElement) {
            return debugElement.getLaunch();
        }
        if (element instanceof IProcess process) {
            return process.getLaunch();
        }
        // Debuggers with their own models (CDT's DSF) adapt their contexts to the launch.
        return Adapters.adapt(element, ILaunch.class);
    }
}
