package io.pvscope.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.commands.IStateListener;
import org.eclipse.core.commands.State;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.RegistryToggleState;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.follow.TargetSource;

/**
 * The connection a view shows: the target selected in the Targets view or pointed at by a contributed
 * {@link TargetSource} (the debug context), whichever came last, or else the only connected one. While the
 * Pin command is on, the view stays where it is. Tells its owner, on the UI thread, whenever that
 * connection or its state changes.
 */
public final class FollowedTarget {

    /** The toggle that stops every PvScope view from following selections and the debug context. */
    public static final String PIN_COMMAND_ID = "io.pvscope.ui.commands.pin";
    static final String SOURCES_POINT = PvScopeUi.BUNDLE_ID + ".targetSources";

    private final TargetManager targets = PvScopeCore.targets();
    private final IWorkbenchPartSite site;
    private final Control control;
    private final Consumer<TargetConnection> changed;
    private final ISelectionListener selection = this::targetSelected;
    private final TargetListener listener = new TargetListener() {
        @Override
        public void connectionChanged(TargetConnection connection) {
            onUiThread(() -> connectionChangedOnUi(connection));
        }

        @Override
        public void targetRemoved(Target target) {
            onUiThread(() -> {
                if (followed != null && followed.target().equals(target)) {
                    follow(null);
                }
            });
        }
    };

    private final List<Runnable> stopSources = new ArrayList<>();
    private final State pin;
    private final IStateListener pinChanged = (state, old) -> onUiThread(this::unpinned);

    private TargetConnection followed;
    /** What the sources or the Targets view pointed at last, followed again once unpinned. */
    private Target lastPointed;

    /**
     * @param control the owner's control: callbacks stop once it is disposed
     * @param changed called with the followed connection (possibly null) on every change
     */
    public FollowedTarget(IWorkbenchPartSite site, Control control, Consumer<TargetConnection> changed) {
        this.site = site;
        this.control = control;
        this.changed = changed;
        site.getPage().addSelectionListener(PvScopeUi.TARGETS_VIEW_ID, selection);
        targets.addListener(listener);
        pin = site.getService(ICommandService.class).getCommand(PIN_COMMAND_ID).getState(RegistryToggleState.STATE_ID);
        if (pin != null) {
            pin.addListener(pinChanged);
        }
        followed = initial();
        startSources();
    }

    /** The connection shown, or null when there is nothing to follow. */
    public TargetConnection connection() {
        return followed;
    }

    /** True while the Pin command holds the views on their target. */
    public boolean isPinned() {
        return pin != null && Boolean.TRUE.equals(pin.getValue());
    }

    public void dispose() {
        stopSources.forEach(Runnable::run);
        stopSources.clear();
        if (pin != null) {
            pin.removeListener(pinChanged);
        }
        targets.removeListener(listener);
        site.getPage().removeSelectionListener(PvScopeUi.TARGETS_VIEW_ID, selection);
    }

    private TargetConnection initial() {
        Target selected = firstTarget(site.getPage().getSelection(PvScopeUi.TARGETS_VIEW_ID));
        if (selected != null) {
            return targets.connection(selected);
        }
        List<TargetConnection> connected = targets.connected();
        return connected.size() == 1 ? connected.get(0) : null;
    }

    private void targetSelected(IWorkbenchPart part, ISelection selected) {
        pointedAt(firstTarget(selected));
    }

    private void startSources() {
        for (IConfigurationElement element : Platform.getExtensionRegistry().getConfigurationElementsFor(SOURCES_POINT)) {
            try {
                TargetSource source = (TargetSource) element.createExecutableExtension("class");
                stopSources.add(source.follow(site.getWorkbenchWindow(),
                        target -> onUiThread(() -> pointedAt(target))));
            } catch (CoreException | RuntimeException e) {
                ILog.of(getClass()).error("PvScope: target source from " + element.getContributor().getName()
                        + " failed", e);
            }
        }
    }

    private void pointedAt(Target target) {
        if (target == null || !targets.targets().contains(target)) {
            return;
        }
        lastPointed = target;
        if (!isPinned()) {
            follow(targets.connection(target));
        }
    }

    private void unpinned() {
        if (!isPinned() && lastPointed != null && targets.targets().contains(lastPointed)) {
            follow(targets.connection(lastPointed));
        }
    }

    private void connectionChangedOnUi(TargetConnection connection) {
        if (followed == null && connection.state().status() == ConnectionStatus.CONNECTED
                && targets.connected().size() == 1) {
            follow(connection);
        } else if (connection == followed) {
            changed.accept(followed);
        }
    }

    private void follow(TargetConnection connection) {
        if (connection != followed) {
            followed = connection;
            changed.accept(followed);
        }
    }

    private void onUiThread(Runnable work) {
        if (control.isDisposed()) {
            return;
        }
        control.getDisplay().asyncExec(() -> {
            if (!control.isDisposed()) {
                work.run();
            }
        });
    }

    private static Target firstTarget(ISelection selection) {
        return selection instanceof IStructuredSelection structured
                && structured.getFirstElement() instanceof Target target ? target : null;
    }
}
