package io.pvscope.ui.follow;

import java.util.function.Consumer;

import org.eclipse.ui.IWorkbenchWindow;

import io.pvscope.core.Target;

/**
 * Something besides the Targets view that points the PvScope views of a window at a target, such as the
 * debug context. Contributed through the extension point {@code io.pvscope.ui.targetSources}; one instance
 * is made for each view that follows targets.
 */
public interface TargetSource {

    /**
     * Starts telling {@code pointed} which known target the window's context points at whenever that
     * changes. Calls may come on any thread; a context that names no target is not reported.
     *
     * @return stops the reports
     */
    Runnable follow(IWorkbenchWindow window, Consumer<Target> pointed);
}
