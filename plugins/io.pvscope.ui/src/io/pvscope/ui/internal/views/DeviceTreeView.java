package io.pvscope.ui.internal.views;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.AbstractTreeViewer;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.DecorationOverlayIcon;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.BusNode;
import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.ui.internal.PvScopeImages;

/**
 * mainbus0 → pvbus0 → units → devices of the followed target, from the agent's GetDeviceTree; a unit's
 * detection details and evidence go to the Properties view. Fetched when the target becomes connected.
 */
public final class DeviceTreeView extends ViewPart {

    private TreeViewer viewer;
    private LocalResourceManager resources;
    private FollowedTarget followed;
    /** The connection whose tree is being fetched, so it is asked once per connect. */
    private TargetConnection fetching;
    private boolean refreshingStates;
    /** How often the devices' state is read again while the target answers. */
    private static final int STATE_REFRESH_MILLIS = 2000;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION);
        viewer.setComparer(IDENTITY);
        viewer.setAutoExpandLevel(AbstractTreeViewer.ALL_LEVELS);
        viewer.setContentProvider(new BusNodeContent());
        resources = new LocalResourceManager(JFaceResources.getResources(), viewer.getControl());
        viewer.setLabelProvider(new BusNodeLabels(resources));
        ColumnViewerToolTipSupport.enableFor(viewer);
        getSite().setSelectionProvider(viewer);
        followed = new FollowedTarget(getSite(), viewer.getControl(), connection -> show());
        show();
        viewer.getControl().getDisplay().timerExec(STATE_REFRESH_MILLIS, this::refreshStates);
    }

    /**
     * Reads the devices' decoded state again while the target answers, so that a XenBus pair moving on or a
     * virtio device failing shows without a Refresh; the tree is redrawn only when a state or problem changed.
     */
    private void refreshStates() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.getControl().getDisplay().timerExec(STATE_REFRESH_MILLIS, this::refreshStates);
        TargetConnection connection = followed.connection();
        if (connection == null || connection.state().status() != ConnectionStatus.CONNECTED
                || !connection.hasDeviceTree() || refreshingStates || !viewer.getControl().isVisible()) {
            return;
        }
        refreshingStates = true;
        connection.refreshDeviceStates().whenComplete((changed, error) -> viewer.getControl().getDisplay()
                .asyncExec(() -> {
                    refreshingStates = false;
                    if (Boolean.TRUE.equals(changed) && !viewer.getControl().isDisposed()
                            && connection == followed.connection()) {
                        show();
                    }
                }));
    }

    /** The tree, for code that reads what is shown. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** The connection whose tree is shown, if any. */
    public TargetConnection followed() {
        return followed.connection();
    }

    /** Asks the agent for its tree again. */
    public void refresh() {
        TargetConnection connection = followed.connection();
        if (connection != null && connection.state().status() == ConnectionStatus.CONNECTED) {
            fetch(connection);
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        followed.dispose();
        super.dispose();
    }

    /** Shows what is known of the followed connection, and asks for its tree when it is missing. */
    private void show() {
        TargetConnection connection = followed.connection();
        if (connection == null) {
            setContentDescription("Select a target in the Targets view.");
            clear();
            return;
        }
        String name = connection.target().name();
        java.util.Optional<BusNode> known = connection.busTree();
        if (known.isPresent()) {
            // Only a connected agent that answers vouches for the tree; otherwise it is what was last read.
            ConnectionStatus status = connection.state().status();
            setContentDescription(status == ConnectionStatus.CONNECTED ? name
                    : name + ": " + (status == ConnectionStatus.DISCONNECTED ? "not connected"
                            : connection.state().message()) + "; the tree shown is the last known");
            // The same nodes come back while nothing shown changed: the viewer keeps expansion and selection.
            BusNode tree = known.get();
            if (!(viewer.getInput() instanceof TreeInput shown && shown.root() == tree)) {
                java.util.List<String> selected = selectedPath();
                viewer.setInput(new TreeInput(tree));
                reselect(tree, selected);
            }
            return;
        }
        clear();
        switch (connection.state().status()) {
            case CONNECTED -> {
                setContentDescription(name + ": reading the device tree…");
                fetch(connection);
            }
            case CONNECTING -> setContentDescription(name + ": connecting…");
            case NOT_ANSWERING, RECONNECTING -> setContentDescription(name + ": " + connection.state().message());
            case FAILED -> setContentDescription(name + ": " + connection.state().message());
            case DISCONNECTED -> setContentDescription(name + ": not connected");
        }
    }

    /** The labels from the root to the selected node: what stays the same node in a new tree. */
    private java.util.List<String> selectedPath() {
        if (viewer.getStructuredSelection().getFirstElement() instanceof BusNode node
                && viewer.getInput() instanceof TreeInput shown) {
            java.util.List<String> path = new java.util.ArrayList<>();
            if (pathTo(shown.root(), node, path)) {
                return path;
            }
        }
        return java.util.List.of();
    }

    private static boolean pathTo(BusNode from, BusNode wanted, java.util.List<String> path) {
        path.add(from.label());
        if (from == wanted) {
            return true;
        }
        for (BusNode child : from.children()) {
            if (pathTo(child, wanted, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private void reselect(BusNode root, java.util.List<String> path) {
        if (path.isEmpty() || !root.label().equals(path.get(0))) {
            return;
        }
        BusNode node = root;
        for (String label : path.subList(1, path.size())) {
            node = node.children().stream().filter(child -> child.label().equals(label)).findFirst().orElse(null);
            if (node == null) {
                return;
            }
        }
        viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(node), true);
    }

    private void clear() {
        if (viewer.getInput() != null) {
            viewer.setInput(null);
        }
    }

    private void fetch(TargetConnection connection) {
        if (fetching == connection) {
            return;
        }
        fetching = connection;
        connection.fetchBusTree().whenComplete((ignored, error) -> viewer.getControl().getDisplay().asyncExec(() -> {
            if (viewer.getControl().isDisposed()) {
                return;
            }
            fetching = null;
            if (error != null && connection == followed.connection()) {
                setContentDescription(connection.target().name() + ": " + StoreErrors.describe(error));
            } else {
                show();
            }
        }));
    }

    /** Two devices can be equal records; the viewer must still tell them apart. */
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

    /**
     * The node's name, its decoded state beside it in the decorations' colour ("vio0  DRIVER_OK"), and a
     * warning overlay with the reasons as tooltip when something looks wrong, as the platform marks problems.
     */
    private static final class BusNodeLabels extends DelegatingStyledCellLabelProvider {

        BusNodeLabels(LocalResourceManager resources) {
            super(new Styled(resources));
        }

        @Override
        public String getToolTipText(Object element) {
            BusNode node = (BusNode) element;
            return node.problems().isEmpty() ? null : String.join("\n", node.problems());
        }
    }

    private static final class Styled extends LabelProvider implements IStyledLabelProvider {

        private final LocalResourceManager resources;

        Styled(LocalResourceManager resources) {
            this.resources = resources;
        }

        @Override
        public StyledString getStyledText(Object element) {
            BusNode node = (BusNode) element;
            StyledString text = new StyledString(node.label());
            if (!node.state().isEmpty()) {
                text.append("  " + node.state(), StyledString.DECORATIONS_STYLER);
            }
            return text;
        }

        @Override
        public Image getImage(Object element) {
            BusNode node = (BusNode) element;
            String base = switch (node.kind()) {
                case BUS -> PvScopeImages.BUS;
                case UNIT -> PvScopeImages.UNIT;
                case DEVICE -> PvScopeImages.DEVICE;
            };
            if (node.problems().isEmpty()) {
                return PvScopeImages.get(base);
            }
            return resources.create(new DecorationOverlayIcon(PvScopeImages.descriptor(base),
                    PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_DEC_FIELD_WARNING),
                    IDecoration.BOTTOM_LEFT));
        }
    }
}
