package io.pvscope.ui.tests;

import java.time.Duration;
import java.util.Arrays;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.State;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.handlers.RegistryToggleState;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.views.TargetsView;

/** What a user does in the PvScope perspective, done through the workbench's own services. */
final class Workbench {

    static final Duration UI_TIMEOUT = Duration.ofSeconds(60);

    private Workbench() {
    }

    /**
     * The Status column of the Targets view's first row, as shown now: as the view painted it itself. (A refresh
     * here would hide a view that does not follow its target, and, asked again and again by a wait, would keep
     * the UI thread busy repainting so that the views' own timers never ran.)
     */
    static String targetStatus(io.pvscope.ui.internal.views.TargetsView targets) {
        return targets.viewer().getTable().getItem(0).getText(2);
    }

    static IWorkbenchWindow window() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, 1280, 800);
        return window;
    }

    static IWorkbenchPage openPerspective(IWorkbenchWindow window) throws Exception {
        IWorkbench workbench = PlatformUI.getWorkbench();
        return workbench.showPerspective(PvScopeUi.PERSPECTIVE_ID, window);
    }

    /** Adds the target, selects it in the Targets view and runs the Connect command; waits until connected. */
    static Target addAndConnect(IWorkbenchPage page, Target address) throws Exception {
        TargetsView targetsView = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        Target target = PvScopeCore.targets().add(address);
        Ui.waitUntil("the target is listed", UI_TIMEOUT,
                () -> Arrays.stream(targetsView.viewer().getTable().getItems()).anyMatch(item -> item.getData() == target));
        page.activate(targetsView);
        targetsView.viewer().setSelection(new StructuredSelection(target), true);
        execute(page, PvScopeUi.CONNECT_COMMAND_ID);
        Ui.waitUntil("the target is connected", UI_TIMEOUT,
                () -> PvScopeCore.targets().connection(target).state().status() == ConnectionStatus.CONNECTED);
        return target;
    }

    /** Runs a command as a key binding or menu item would, in the active part's context. */
    static void execute(IWorkbenchPage page, String commandId) throws Exception {
        page.getWorkbenchWindow().getService(IHandlerService.class).executeCommand(commandId, null);
    }

    static void activate(IWorkbenchPage page, IWorkbenchPart part) {
        page.activate(part);
        Ui.settle(Duration.ofMillis(100));
    }

    static boolean toggleState(IWorkbenchPage page, String commandId) {
        Command command = page.getWorkbenchWindow().getService(ICommandService.class).getCommand(commandId);
        State state = command.getState(RegistryToggleState.STATE_ID);
        return Boolean.TRUE.equals(state.getValue());
    }

    /** Turns the Pin command on or off, as its toolbar button would. */
    static void setPinned(IWorkbenchPage page, boolean pinned) throws Exception {
        if (toggleState(page, io.pvscope.ui.internal.views.FollowedTarget.PIN_COMMAND_ID) != pinned) {
            execute(page, io.pvscope.ui.internal.views.FollowedTarget.PIN_COMMAND_ID);
        }
    }
}
