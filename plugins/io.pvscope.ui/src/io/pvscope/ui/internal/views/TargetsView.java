package io.pvscope.ui.internal.views;

import java.util.function.Function;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.NotEnabledException;
import org.eclipse.core.commands.NotHandledException;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.PvScopeImages;
import io.pvscope.ui.internal.preferences.UiPreferences;

/**
 * The agents the user knows, with each one's status and latency. What can be done to them (add, edit,
 * remove, connect, disconnect) comes as commands contributed to this view's toolbar and context menu.
 */
public final class TargetsView extends ViewPart {

    /** Where this view's key bindings (Insert, F2, connect, disconnect) apply. */
    public static final String CONTEXT_ID = "io.pvscope.ui.contexts.targets";

    private final TargetManager targets = PvScopeCore.targets();
    private final TargetListener refresher = new TargetListener() {
        @Override
        public void targetAdded(Target target) {
            refreshLater();
        }

        @Override
        public void targetRemoved(Target target) {
            refreshLater();
        }

        @Override
        public void connectionChanged(TargetConnection connection) {
            refreshLater();
        }
    };

    private TableViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        UiPreferences.applyCallLimits();
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column("Name", 110, Target::name).setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((Target) element).name();
            }

            @Override
            public Image getImage(Object element) {
                return PvScopeImages.get(PvScopeImages.TARGET);
            }
        });
        column("Address", 120, Target::address);
        column("Status", 260, target -> TargetLabels.status(targets.connection(target)));
        column("Latency", 70, target -> TargetLabels.latency(targets.connection(target)));
        viewer.setContentProvider((IStructuredContentProvider) input -> ((TargetManager) input).targets().toArray());
        viewer.setInput(targets);
        getSite().setSelectionProvider(viewer);
        viewer.addDoubleClickListener(event -> connectSelected());

        MenuManager menu = new MenuManager();
        menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
        targets.addListener(refresher);
        getSite().getService(IContextService.class).activateContext(CONTEXT_ID);
    }

    /** The table, for code that selects targets in it. */
    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        targets.removeListener(refresher);
        super.dispose();
    }

    private TableViewerColumn column(String title, int width, Function<Target, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Target) element);
            }
        });
        return column;
    }

    private void connectSelected() {
        try {
            getSite().getService(IHandlerService.class).executeCommand(PvScopeUi.CONNECT_COMMAND_ID, null);
        } catch (NotDefinedException | ExecutionException | NotEnabledException | NotHandledException e) {
            ILog.of(TargetsView.class).warn("Could not connect: " + e.getMessage());
        }
    }

    /** Listener calls come from gRPC threads; the table is only touched on the UI thread. */
    private void refreshLater() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.getControl().getDisplay().asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                viewer.refresh();
            }
        });
    }
}
