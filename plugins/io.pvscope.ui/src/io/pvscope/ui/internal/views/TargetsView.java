package io.pvscope.ui.internal.views;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;

/** The agents the user knows: add, remove, connect, disconnect, with each one's status and latency. */
public final class TargetsView extends ViewPart {

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
    private Action addAction;
    private Action removeAction;
    private Action connectAction;
    private Action disconnectAction;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column("Name", 90, Target::name);
        column("Address", 120, Target::address);
        column("Status", 220, target -> TargetLabels.status(targets.connection(target)));
        column("Latency", 70, target -> TargetLabels.latency(targets.connection(target)));
        viewer.setContentProvider((IStructuredContentProvider) input -> ((TargetManager) input).targets().toArray());
        viewer.setInput(targets);
        getSite().setSelectionProvider(viewer);

        createActions();
        viewer.addSelectionChangedListener(event -> updateActions());
        viewer.addDoubleClickListener(event -> connectAction.run());
        targets.addListener(refresher);
        updateActions();
    }

    /** The table, for code that selects targets in it. */
    public TableViewer viewer() {
        return viewer;
    }

    /** Connects every selected target. */
    public Action connectAction() {
        return connectAction;
    }

    /** Disconnects every selected target. */
    public Action disconnectAction() {
        return disconnectAction;
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

    private void column(String title, int width, Function<Target, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Target) element);
            }
        });
    }

    private void createActions() {
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        addAction = action("Add Target…", images, ISharedImages.IMG_OBJ_ADD, this::addTarget);
        removeAction = action("Remove", images, ISharedImages.IMG_ETOOL_DELETE,
                () -> selected().forEach(targets::remove));
        connectAction = action("Connect", images, ISharedImages.IMG_ELCL_SYNCED,
                () -> selected().forEach(target -> targets.connection(target).connect()));
        disconnectAction = action("Disconnect", images, ISharedImages.IMG_ELCL_STOP,
                () -> selected().forEach(target -> targets.connection(target).disconnect()));

        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        List.of(addAction, removeAction, connectAction, disconnectAction).forEach(toolBar::add);
        MenuManager menu = new MenuManager();
        List.of(addAction, removeAction, connectAction, disconnectAction).forEach(menu::add);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(PvScopeUi.TARGETS_VIEW_ID, menu, viewer);
    }

    private static Action action(String text, ISharedImages images, String image, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setImageDescriptor(images.getImageDescriptor(image));
        return action;
    }

    private void addTarget() {
        AddTargetDialog dialog = new AddTargetDialog(getSite().getShell());
        if (dialog.open() == Window.OK) {
            Target target = targets.add(dialog.target());
            targets.connection(target).connect();
        }
    }

    private List<Target> selected() {
        return ((IStructuredSelection) viewer.getSelection()).toList().stream()
                .filter(Target.class::isInstance).map(Target.class::cast).toList();
    }

    private void updateActions() {
        List<Target> selection = selected();
        removeAction.setEnabled(!selection.isEmpty());
        connectAction.setEnabled(!selection.isEmpty());
        disconnectAction.setEnabled(selection.stream().anyMatch(
                target -> targets.connection(target).state().status() != ConnectionStatus.DISCONNECTED));
    }

    /** Listener calls come from gRPC threads; the table is only touched on the UI thread. */
    private void refreshLater() {
        viewer.getControl().getDisplay().asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                viewer.refresh();
                updateActions();
            }
        });
    }
}
