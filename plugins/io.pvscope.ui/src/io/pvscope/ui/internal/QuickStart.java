package io.pvscope.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;

/**
 * Lets a single command start the IDE on an agent: with {@code -Dpvscope.target=host:port} the target is
 * added (unless known), connected, and the PvScope perspective is shown.
 */
public final class QuickStart implements IStartup {

    @Override
    public void earlyStartup() {
        String address = System.getProperty(PvScopeUi.TARGET_PROPERTY);
        if (address == null || address.isBlank()) {
            return;
        }
        Target wanted;
        try {
            wanted = Target.parse(null, address);
        } catch (IllegalArgumentException e) {
            ILog.of(QuickStart.class).error("Ignoring -D" + PvScopeUi.TARGET_PROPERTY + ": " + e.getMessage());
            return;
        }
        TargetManager targets = PvScopeCore.targets();
        Target target = targets.add(wanted);
        targets.connection(target).connect();
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.getDisplay().asyncExec(() -> showPerspective(workbench));
    }

    private static void showPerspective(IWorkbench workbench) {
        IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
        if (window == null) {
            return;
        }
        try {
            workbench.showPerspective(PvScopeUi.PERSPECTIVE_ID, window);
        } catch (WorkbenchException e) {
            ILog.of(QuickStart.class).error("Could not open the PvScope perspective", e);
        }
    }
}
