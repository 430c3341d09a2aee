package io.pvscope.ui.internal.keyvalue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.State;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.util.IPropertyChangeListener;
import org.eclipse.jface.viewers.ColumnViewerEditor;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationEvent;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationStrategy;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.TreeViewerEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.RegistryToggleState;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.KeyFilter;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.Unit;
import io.pvscope.proto.v1.WatchStarted;
import io.pvscope.ui.internal.NetworkJob;
import io.pvscope.ui.internal.preferences.UiPreferences;
import io.pvscope.ui.internal.views.FollowedTarget;

/**
 * The keys of one unit's store on the followed target: Key | Value | Store | Access, live from a Watch
 * stream. A virtual tree with a lazy content provider keeps large stores cheap; the stream's events are
 * applied on the UI thread in batches of bounded time, so the thread never stalls on a big snapshot.
 */
public final class KeyValueView extends ViewPart {

    public static final String CONTEXT_ID = "io.pvscope.ui.contexts.keyValue";
    public static final String FREEZE_COMMAND_ID = "io.pvscope.ui.commands.freeze";

    /** How often queued stream events are applied and fading colours repainted. */
    private static final int PUMP_MILLIS = 40;
    /** At most this long per pump applying events, so painting and input stay responsive. */
    private static final long BATCH_NANOS = 15_000_000L;
    /** Above this many changed parents a full refresh is cheaper than one refresh each. */
    private static final int REFRESH_ALL_ABOVE = 64;
    /** With at most this many keys matching, the filter expands the tree to show them all. */
    private static final int EXPAND_MATCHES_UP_TO = 300;

    private final Set<KeyNode> fading = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Runnable pump = this::pump;
    private final Runnable applyFilter = this::applyFilter;
    private final IPropertyChangeListener preferencesChanged = event -> reloadColours();

    private TreeViewer viewer;
    private KeyTreeContent content;
    private Combo unitChooser;
    private Text filterBox;
    private FollowedTarget followed;
    private ChangeColours colours;
    private KeyOperations operations;
    private KeyFilter filter = KeyFilter.NONE;
    private List<Unit> storeUnits = List.of();
    private StoreSession session;
    /** The tree the viewer shows; may belong to an older session until the new one's snapshot is in. */
    private KeyTree shown;
    private TargetConnection fetchingUnits;
    private boolean frozen;

    @Override
    public void createPartControl(Composite parent) {
        UiPreferences.applyCallTimeout();
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        createBar(parent);
        createTree(parent);
        Display display = parent.getDisplay();
        colours = new ChangeColours(viewer.getTree().getBackground().getRGB());
        operations = new KeyOperations(this, display);
        UiPreferences.store().addPropertyChangeListener(preferencesChanged);
        frozen = freezeState();
        createContextMenu();
        getSite().setSelectionProvider(viewer);
        getSite().getService(IContextService.class).activateContext(CONTEXT_ID);
        followed = new FollowedTarget(getSite(), viewer.getControl(), this::connectionChanged);
        connectionChanged(followed.connection());
        display.timerExec(PUMP_MILLIS, pump);
    }

    private void createBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 2).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Unit:");
        unitChooser = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(unitChooser);
        unitChooser.addListener(SWT.Selection, event -> unitChosen());
        filterBox = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filterBox.setMessage("Filter keys (path prefix or any part of it)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filterBox);
        filterBox.addModifyListener(event -> {
            // Waits for a pause in typing: each pass over a large store costs a few milliseconds.
            Display display = filterBox.getDisplay();
            display.timerExec(-1, applyFilter);
            display.timerExec(200, applyFilter);
        });
    }

    private void createTree(Composite parent) {
        viewer = new TreeViewer(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setUseHashlookup(true);
        content = new KeyTreeContent(viewer);
        viewer.setContentProvider(content);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        TreeViewerColumn key = column("Key", 260);
        key.setLabelProvider(new KeyLabel(this));
        TreeViewerColumn value = column("Value", 300);
        value.setLabelProvider(new ValueLabel(this));
        value.setEditingSupport(new ValueEditing(viewer, this));
        column("Store", 80).setLabelProvider(new TextLabel(this, node -> storeName()));
        column("Access", 90).setLabelProvider(new TextLabel(this, KeyValueView::accessText));
        ColumnViewerToolTipSupport.enableFor(viewer);
        TreeViewerEditor.create(viewer, new ColumnViewerEditorActivationStrategy(viewer) {
            @Override
            protected boolean isEditorActivationEvent(ColumnViewerEditorActivationEvent event) {
                return event.eventType == ColumnViewerEditorActivationEvent.MOUSE_DOUBLE_CLICK_SELECTION
                        || event.eventType == ColumnViewerEditorActivationEvent.PROGRAMMATIC
                        || event.eventType == ColumnViewerEditorActivationEvent.KEY_PRESSED
                                && event.keyCode == SWT.F2;
            }
        }, ColumnViewerEditor.KEYBOARD_ACTIVATION | ColumnViewerEditor.TABBING_HORIZONTAL);
    }

    private TreeViewerColumn column(String title, int width) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.getColumn().setMoveable(true);
        return column;
    }

    private void createContextMenu() {
        MenuManager menu = new MenuManager();
        menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
    }

    // ---- what handlers and tests use

    /** The tree of keys, for code that reads what is shown. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** The tree the viewer shows, or null before a snapshot was complete. */
    public KeyTree tree() {
        return shown;
    }

    /** The connection shown, or null. */
    public TargetConnection connection() {
        return followed == null ? null : followed.connection();
    }

    /** Gives keys a lasting look (see {@link ChangeColours#setHighlight}) and repaints them. */
    public void setHighlight(java.util.function.Function<KeyNode, Highlight> highlight) {
        colours.setHighlight(highlight);
        // A virtual tree keeps the labels of rows it has shown; clearing makes it ask again.
        viewer.getTree().clearAll(true);
        viewer.refresh();
    }

    /** The store currently watched: its unit number, or -1. */
    public int unit() {
        return session == null ? -1 : session.unit().getUnit();
    }

    public Combo unitChooser() {
        return unitChooser;
    }

    public Text filterBox() {
        return filterBox;
    }

    public KeyOperations operations() {
        return operations;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Keys selected in the tree. */
    public List<KeyNode> selectedNodes() {
        List<KeyNode> nodes = new ArrayList<>();
        for (Object element : ((IStructuredSelection) viewer.getSelection()).toList()) {
            if (element instanceof KeyNode node) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** Starts the watch again: a fresh snapshot replaces the tree once it is complete. */
    public void refresh() {
        TargetConnection connection = followed.connection();
        if (session != null && connection != null && connection.state().status() == ConnectionStatus.CONNECTED) {
            startSession(session.unit());
        }
    }

    /** While frozen, events wait in the queue and the tree holds still; thawing applies them. */
    public void setFrozen(boolean freeze) {
        frozen = freeze;
        describe();
    }

    /** How long the last snapshot took from the start of the watch to the tree shown. */
    public java.time.Duration lastLoadTime() {
        return session == null || !session.shown() ? null : session.loadTime();
    }

    public void showMessage(String message) {
        getViewSite().getActionBars().getStatusLineManager().setMessage(message);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        UiPreferences.store().removePropertyChangeListener(preferencesChanged);
        if (followed != null) {
            followed.dispose();
        }
        if (session != null) {
            session.stop();
        }
        super.dispose();
    }

    // ---- package: for labels, editing and operations

    private void reloadColours() {
        if (colours != null) {
            colours.reload();
        }
    }

    StoreSession session() {
        return session;
    }

    KeyFilter filter() {
        return filter;
    }

    ChangeColours colours() {
        return colours;
    }

    void readBack(StoreSession from, String key, KvReadResponse read) {
        if (from != session || from.tree() != shown) {
            return;
        }
        KeyNode known = shown.find(key);
        KvEntry.Builder entry = KvEntry.newBuilder().setKey(key).setHasChildren(read.getDirectory())
                .setAccess(known == null ? KvEntry.Access.READ_WRITE : known.access());
        // A directory reads as its children's names: that is not its value.
        entry.setValue(read.getDirectory() && known != null ? known.value() : read.getValue());
        shown.put(entry.build());
        applyChanges();
    }

    void deleted(StoreSession from, String key) {
        if (from == session && from.tree() == shown) {
            shown.delete(key);
            applyChanges();
        }
    }

    void operationFailed(StoreSession from, String key, String message) {
        if (from != session || shown == null) {
            return;
        }
        KeyNode node = shown.find(key);
        if (node != null) {
            node.setLocalError(message);
            relabel(Set.of(node.parent()));
        }
        showMessage(key + ": " + message);
    }

    // ---- following the target

    private void connectionChanged(TargetConnection connection) {
        if (connection == null) {
            stopSession(true);
            setUnits(List.of());
            setContentDescription("Select a target in the Targets view.");
            return;
        }
        if (session != null && session.connection() != connection) {
            stopSession(true);
        }
        switch (connection.state().status()) {
            case CONNECTED -> {
                if (connection.units().isEmpty()) {
                    fetchUnits(connection);
                } else {
                    setUnits(connection.units().get().getUnitsList().stream()
                            .filter(unit -> !unit.getStore().isEmpty()).toList());
                    if (session == null || session.feed().isOver()) {
                        Unit chosen = chosenUnit();
                        if (chosen != null) {
                            startSession(chosen);
                        }
                    }
                }
            }
            case RECONNECTING -> {
                // Keep showing the last keys: they come back with a fresh snapshot once reconnected.
            }
            case CONNECTING, FAILED, DISCONNECTED -> stopSession(false);
        }
        describe();
    }

    private void fetchUnits(TargetConnection connection) {
        if (fetchingUnits == connection) {
            return;
        }
        fetchingUnits = connection;
        NetworkJob.of("Reading the units of " + connection.target().name(), connection::fetchUnits,
                viewer.getControl().getDisplay())
                .whenDone(units -> {
                    fetchingUnits = null;
                    if (!viewer.getControl().isDisposed()) {
                        connectionChanged(followed.connection());
                    }
                })
                .whenFailed(error -> {
                    fetchingUnits = null;
                    if (!viewer.getControl().isDisposed()) {
                        setContentDescription(connection.target().name() + ": " + StoreErrors.describe(error));
                    }
                })
                .schedule();
    }

    private void setUnits(List<Unit> units) {
        if (units.equals(storeUnits)) {
            return;
        }
        int wanted = session != null ? session.unit().getUnit() : -1;
        storeUnits = units;
        unitChooser.setItems(units.stream().map(KeyValueView::unitText).toArray(String[]::new));
        int index = 0;
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).getUnit() == wanted) {
                index = i;
            }
        }
        if (!units.isEmpty()) {
            unitChooser.select(index);
        }
    }

    private Unit chosenUnit() {
        int index = unitChooser.getSelectionIndex();
        return index < 0 || index >= storeUnits.size() ? null : storeUnits.get(index);
    }

    private void unitChosen() {
        Unit chosen = chosenUnit();
        TargetConnection connection = followed.connection();
        if (chosen == null || connection == null || session != null && session.unit().equals(chosen)) {
            return;
        }
        stopSession(true);
        if (connection.state().status() == ConnectionStatus.CONNECTED) {
            startSession(chosen);
        }
        describe();
    }

    private void startSession(Unit unit) {
        if (session != null) {
            session.stop();
        }
        session = new StoreSession(followed.connection(), unit);
        session.tree().setFilter(filter);
        session.start(UiPreferences.pollInterval());
        describe();
    }

    /** @param clear also empty the tree (another store); otherwise the last keys stay visible */
    private void stopSession(boolean clear) {
        if (session != null) {
            session.stop();
            session = null;
        }
        if (clear && shown != null) {
            shown = null;
            fading.clear();
            viewer.setInput(null);
        }
    }

    // ---- applying the stream

    private void pump() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        try {
            StoreSession current = session;
            if (current != null && !frozen) {
                current.feed().drainInto(current.tree(), BATCH_NANOS);
                if (!current.shown() && current.tree().isLive()) {
                    show(current);
                } else if (current.shown()) {
                    long now = System.nanoTime();
                    current.tree().purgeDeleted(now - colours.fade().toNanos());
                    applyChanges();
                }
                if (current.feed().isOver() && current.feed().failure() != null
                        || !current.shown() || current.feed().pending() > 0) {
                    describe();
                }
            }
            if (current != null && frozen) {
                describe();
            }
            fade();
        } finally {
            viewer.getControl().getDisplay().timerExec(PUMP_MILLIS, pump);
        }
    }

    /** Hands a complete snapshot to the viewer, keeping what was expanded in the tree it replaces. */
    private void show(StoreSession ready) {
        List<String> expanded = new ArrayList<>();
        if (shown != null) {
            for (Object element : viewer.getExpandedElements()) {
                if (element instanceof KeyNode node) {
                    expanded.add(node.key());
                }
            }
        }
        ready.tree().takeChanges();
        // The filter's matches are worked out once, on the complete snapshot.
        ready.tree().setFilter(filter);
        shown = ready.tree();
        fading.clear();
        viewer.setInput(shown);
        List<KeyNode> again = new ArrayList<>();
        for (String key : expanded) {
            KeyNode node = shown.find(key);
            if (node != null) {
                again.add(node);
            }
        }
        if (!again.isEmpty()) {
            viewer.setExpandedElements(again.toArray());
        }
        ready.markShown();
        describe();
    }

    private void applyChanges() {
        if (shown == null) {
            return;
        }
        KeyTree.Changes changes = shown.takeChanges();
        if (changes.isEmpty()) {
            return;
        }
        Set<KeyNode> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        parents.addAll(changes.parents());
        long now = System.nanoTime();
        for (KeyNode node : changes.nodes()) {
            parents.add(node.parent());
            if (colours.fading(node, now)) {
                fading.add(node);
            }
        }
        relabel(parents);
    }

    /**
     * Asks the lazy content provider again for the rows under each parent. Only the rows on screen are
     * asked for; relabelling single rows of a virtual tree below its top level proved unreliable.
     */
    private void relabel(Set<KeyNode> parents) {
        if (parents.size() > REFRESH_ALL_ABOVE) {
            viewer.refresh();
            return;
        }
        for (KeyNode parent : parents) {
            if (parent == null) {
                continue;
            }
            Object element = content.element(parent);
            viewer.setChildCount(element, shown.visibleChildren(parent).size());
            viewer.refresh(element);
        }
    }

    /** Repaints the keys whose colour is still fading, and once more when it is gone. */
    private void fade() {
        if (fading.isEmpty() || shown == null) {
            return;
        }
        long now = System.nanoTime();
        Set<KeyNode> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Iterator<KeyNode> each = fading.iterator(); each.hasNext();) {
            KeyNode node = each.next();
            if (!colours.fading(node, now)) {
                each.remove();
            }
            if (!node.isDeleted()) {
                parents.add(node.parent());
            }
        }
        relabel(parents);
    }

    private void applyFilter() {
        if (filterBox.isDisposed()) {
            return;
        }
        filter = new KeyFilter(filterBox.getText());
        if (session != null && session.tree() != shown) {
            session.tree().setFilter(filter);
        }
        if (shown == null) {
            return;
        }
        shown.setFilter(filter);
        viewer.refresh();
        if (!filter.isEmpty() && shown.visibleCount() <= EXPAND_MATCHES_UP_TO) {
            List<KeyNode> parents = new ArrayList<>();
            shown.forEachVisible(shown.root(), node -> {
                if (!shown.visibleChildren(node).isEmpty()) {
                    parents.add(node);
                }
            });
            viewer.setExpandedElements(parents.toArray());
        }
        describe();
    }

    private void describe() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        TargetConnection connection = followed.connection();
        if (connection == null) {
            setContentDescription("Select a target in the Targets view.");
            return;
        }
        String name = connection.target().name();
        ConnectionStatus status = connection.state().status();
        if (status != ConnectionStatus.CONNECTED) {
            setContentDescription(name + ": " + switch (status) {
                case CONNECTING -> "connecting…";
                case DISCONNECTED -> "not connected";
                default -> connection.state().message();
            });
            return;
        }
        if (session == null) {
            setContentDescription(name + (storeUnits.isEmpty() && connection.units().isPresent()
                    ? ": no unit has a key/value store" : ""));
            return;
        }
        KeyFeed feed = session.feed();
        String where = name + " unit " + session.unit().getUnit() + " (" + storeName() + ")";
        if (feed.failure() != null) {
            setContentDescription(where + ": " + StoreErrors.describe(feed.failure()));
        } else if (!session.shown()) {
            setContentDescription(where + ": loading… " + feed.snapshotEntries() + " keys");
        } else {
            StringBuilder text = new StringBuilder(where).append(": ").append(session.tree().size()).append(" keys");
            if (!filter.isEmpty()) {
                text.append(", ").append(session.tree().visibleCount()).append(" shown");
            }
            text.append(watchMode(feed.started()));
            if (frozen) {
                text.append(" — frozen, ").append(feed.pending()).append(" changes waiting");
            }
            setContentDescription(text.toString());
        }
    }

    private String storeName() {
        return session == null ? "" : session.unit().getStore();
    }

    private boolean freezeState() {
        Command command = getSite().getService(ICommandService.class).getCommand(FREEZE_COMMAND_ID);
        State state = command.getState(RegistryToggleState.STATE_ID);
        return state != null && Boolean.TRUE.equals(state.getValue());
    }

    private static String watchMode(WatchStarted started) {
        if (started == null) {
            return "";
        }
        if (started.getMode() == WatchStarted.Mode.POLLED) {
            long millis = started.getPollInterval().getSeconds() * 1000 + started.getPollInterval().getNanos() / 1_000_000;
            return ", polled every " + millis + " ms";
        }
        return ", watched";
    }

    private static String unitText(Unit unit) {
        return String.format(Locale.ROOT, "%d: %s — %s", unit.getUnit(), unit.getName(), unit.getStore());
    }

    private static String accessText(KeyNode node) {
        return switch (node.access()) {
            case READ_WRITE -> "read-write";
            case READ_ONLY -> "read-only";
            default -> "";
        };
    }
}
