package io.pvscope.ui.internal.views;

import java.util.List;

import org.eclipse.jface.viewers.AbstractTreeViewer;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.BusNode;
import io.pvscope.core.BusTree;
import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;

/**
 * mainbus0 → pvbus0 → units → evidence of one target: the one selected in the Targets view, or else the
 * only connected one. Units are fetched when the followed target becomes connected.
 */
public final class DeviceTreeView extends ViewPart {

    private final TargetManager targets = PvScopeCore.targets();
    private final TargetListener changes = new TargetListener() {
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
    private final ISelectionListener targetSelection = this::targetSelected;

    private TreeViewer viewer;
    /** The connection shown; null when there is nothing to follow. */
    private TargetConnection followed;
    /** The connection whose ListUnits is under way, so it is asked once per connect. */
    private TargetConnection fetching;
    /** One tree per answer, so a repeated refresh keeps the viewer's expansion and selection. */
    private BusNode lastTree;
    private Object lastAnswer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION);
        viewer.setComparer(IDENTITY);
        viewer.setAutoExpandLevel(AbstractTreeViewer.ALL_LEVELS);
        viewer.setContentProvider(new BusNodeContent());
        viewer.setLabelProvider(new BusNodeLabels());
        getSite().setSelectionProvider(viewer);
        getSite().getPage().addSelectionListener(PvScopeUi.TARGETS_VIEW_ID, targetSelection);
        targets.addListener(changes);
        follow(initialTarget());
    }

    /** The tree, for code that reads what is shown. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** The connection whose tree is shown, if any. */
    public TargetConnection followed() {
        return followed;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        targets.removeListener(changes);
        getSite().getPage().removeSelectionListener(PvScopeUi.TARGETS_VIEW_ID, targetSelection);
        super.dispose();
    }

    private TargetConnection initialTarget() {
        ISelection selection = getSite().getPage().getSelection(PvScopeUi.TARGETS_VIEW_ID);
        Target selected = firstTarget(selection);
        if (selected != null) {
            return targets.connection(selected);
        }
        List<TargetConnection> connected = targets.connected();
        return connected.size() == 1 ? connected.get(0) : null;
    }

    private void targetSelected(IWorkbenchPart part, ISelection selection) {
        Target target = firstTarget(selection);
        if (target != null) {
            follow(targets.connection(target));
        }
    }

    private void connectionChangedOnUi(TargetConnection connection) {
        if (followed == null && connection.state().status() == ConnectionStatus.CONNECTED
                && targets.connected().size() == 1) {
            follow(connection);
        } else if (connection == followed) {
            show();
        }
    }

    private void follow(TargetConnection connection) {
        if (connection != followed) {
            followed = connection;
            show();
        }
    }

    /** Shows what is known of the followed connection, and asks for its units when they are missing. */
    private void show() {
        if (followed == null) {
            setContentDescription("Select a target in the Targets view.");
            clear();
            return;
        }
        TargetConnection connection = followed;
        String name = connection.target().name();
        if (connection.units().isPresent()) {
            setContentDescription(name);
            BusNode tree = treeOf(connection);
            if (!(viewer.getInput() instanceof TreeInput shown && shown.root() == tree)) {
                viewer.setInput(new TreeInput(tree));
            }
            return;
        }
        clear();
        ConnectionStatus status = connection.state().status();
        switch (status) {
            case CONNECTED -> {
                setContentDescription(name + ": reading units…");
                fetchUnits(connection);
            }
            case CONNECTING -> setContentDescription(name + ": connecting…");
            case FAILED -> setContentDescription(name + ": " + connection.state().message());
            case DISCONNECTED -> setContentDescription(name + ": not connected");
        }
    }

    private void clear() {
        if (viewer.getInput() != null) {
            viewer.setInput(null);
        }
    }

    private void fetchUnits(TargetConnection connection) {
        if (fetching == connection) {
            return;
        }
        fetching = connection;
        connection.fetchUnits().whenComplete((units, error) -> onUiThread(() -> {
            fetching = null;
            if (error != null && connection == followed) {
                setContentDescription(connection.target().name() + ": ListUnits failed: " + error.getMessage());
            }
        }));
    }

    private BusNode treeOf(TargetConnection connection) {
        Object answer = connection.units().orElseThrow();
        if (answer != lastAnswer) {
            lastAnswer = answer;
            lastTree = BusTree.of(connection.units().orElseThrow());
        }
        return lastTree;
    }

    private void onUiThread(Runnable work) {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        viewer.getControl().getDisplay().asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                work.run();
            }
        });
    }

    private static Target firstTarget(ISelection selection) {
        return selection instanceof IStructuredSelection structured
                && structured.getFirstElement() instanceof Target target ? target : null;
    }

    /** Two evidence lines can be equal records; the viewer must still tell them apart. */
    private static final IElementComparer IDENTITY = new IElementComparer() {
        @Override
        public boolean equals(Object a, Object b) {
            return a == b;
        }

        @Override
        public int hashCode(Object element) {
            return System.identityHashCode(element);
        }
    };

    /**
     * Holds the root node, shown as the single top-level item. The input must not be an element itself:
     * the viewer would take the root item for the input and list it as its own child, without end.
     */
    private record TreeInput(BusNode root) {
    }

    private static final class BusNodeContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof TreeInput holder ? new Object[] { holder.root() } : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return ((BusNode) parent).children().toArray();
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return !((BusNode) element).children().isEmpty();
        }
    }

    private static final class BusNodeLabels extends LabelProvider {
        @Override
        public String getText(Object element) {
            return ((BusNode) element).label();
        }

        @Override
        public Image getImage(Object element) {
            String image = switch (((BusNode) element).kind()) {
                case BUS -> ISharedImages.IMG_OBJ_FOLDER;
                case UNIT -> ISharedImages.IMG_OBJ_ELEMENT;
                case EVIDENCE -> ISharedImages.IMG_OBJ_FILE;
            };
            return PlatformUI.getWorkbench().getSharedImages().getImage(image);
        }
    }
}
