package io.pvscope.ui.internal.views;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartSite;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;

/**
 * The connection a view shows: the target selected in the Targets view, or else the only connected one.
 * Tells its owner, on the UI thread, whenever that connection or its state changes.
 */
public final class FollowedTarget {

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

    private TargetConnection followed;

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
        followed = initial();
    }

    /** The connection shown, or null when there is nothing to follow. */
    public TargetConnection connection() {
        return followed;
    }

    public void dispose() {
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
        Target target = firstTarget(selected);
        if (target != null) {
            follow(targets.connection(target));
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
