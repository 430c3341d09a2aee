package io.pvscope.ui.internal.keyvalue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.State;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.JFacePreferences;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.util.IPropertyChangeListener;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.RegistryToggleState;
import org.eclipse.ui.part.ViewPart;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyFilter;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.ui.internal.preferences.UiPreferences;
import io.pvscope.ui.keyvalue.KeyChangesDialog;
import io.pvscope.ui.keyvalue.StoreView;

/**
 * The keys of one unit's store on the followed target: Key | Value | Store | Access, live from a Watch
 * stream. This class wires the parts together and answers handlers and tests; each part does one job:
 * {@link StoreFollower} (which store, which session), {@link KeyViewer} (the virtual tree and its columns),
 * {@link FilterBox}, {@link LiveUpdates} (events to rows), {@link KeyOperations} (what the user does to
 * keys), {@link ViewStatus} (what the view says), {@link RowBackground} (changed colours and decorators).
 */
public final class KeyValueView extends ViewPart implements StoreView {

    public static final String CONTEXT_ID = "io.pvscope.ui.contexts.keyValue";
    public static final String FREEZE_COMMAND_ID = "io.pvscope.ui.commands.freeze";
    public static final String CHANGES_WHILE_LAST_KNOWN = "Changes While Last Known";

    private final IPropertyChangeListener preferencesChanged = event -> reloadColours();

    private StoreFollower follower;
    private FilterBox filterBox;
    private KeyViewer keys;
    private LiveUpdates updates;
    private KeyOperations operations;
    private ViewStatus status;
    private ChangeColours colours;
    private RowDecorators decorators;
    private RowBackground background;
    private final SilenceChanges silenceChanges = new SilenceChanges(this);
    private boolean frozen;

    @Override
    public void createPartControl(Composite parent) {
        UiPreferences.applyCallLimits();
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 2).applyTo(bar);
        follower = new StoreFollower(bar, this);
        filterBox = new FilterBox(bar, this);
        keys = new KeyViewer(parent, this);
        Display display = parent.getDisplay();
        status = new ViewStatus(this, this::setContentDescription);
        updates = new LiveUpdates(this);
        operations = new KeyOperations(this, display);
        colours = new ChangeColours(keys.viewer().getTree().getBackground().getRGB());
        decorators = new RowDecorators(display, this::decorationsChanged);
        background = new RowBackground(this, colours, decorators);
        UiPreferences.store().addPropertyChangeListener(preferencesChanged);
        frozen = freezeState();
        createContextMenu();
        getSite().setSelectionProvider(keys.viewer());
        getSite().getService(IContextService.class).activateContext(CONTEXT_ID);
        follower.follow();
        updates.start(display);
    }

    private void createContextMenu() {
        TreeViewer viewer = keys.viewer();
        MenuManager menu = new MenuManager();
        menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
    }

    // ---- what handlers and tests use

    /** The tree of keys, for code that reads what is shown. */
    public TreeViewer viewer() {
        return keys.viewer();
    }

    /** The tree the viewer shows, or null before a snapshot was complete. */
    public KeyTree tree() {
        return updates.shown();
    }

    @Override
    public TargetConnection connection() {
        return follower.connection();
    }

    @Override
    public boolean storeLoaded() {
        KeyTree shown = tree();
        return shown != null && shown.isLive();
    }

    @Override
    public Control control() {
        return viewer().getControl();
    }

    /** The store currently watched, or whose last-known keys are shown: its unit number, or -1. */
    public int unit() {
        StoreSession session = follower.session();
        if (session != null) {
            return session.unit().number();
        }
        // The session stopped (not connected) while its keys stay shown as the last known.
        UnitDescriptor shown = updates.shownUnit();
        return shown == null || tree() == null ? -1 : shown.number();
    }

    public Combo unitChooser() {
        return follower.unitChooser();
    }

    public Text filterBox() {
        return filterBox.text();
    }

    public KeyOperations operations() {
        return operations;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Keys selected in the tree. */
    public List<KeyNode> selectedNodes() {
        return keys.selectedNodes();
    }

    @Override
    public StoreSnapshot snapshot() {
        TargetConnection connection = connection();
        if (connection == null || tree() == null || unit() < 0) {
            return null;
        }
        UnitDescriptor shown = connection.unitList().flatMap(units -> units.stream()
                .filter(each -> each.number() == unit()).findFirst())
                .orElse(UnitDescriptor.numbered(unit()));
        return StoreSnapshot.of(connection.target(), connection.agentProperties().orElse(null), shown, Instant.now(),
                tree(), lastKnownSince().orElse(null));
    }

    /** Starts the watch again: a fresh snapshot replaces the tree once it is complete. */
    public void refresh() {
        follower.restart();
    }

    /** While frozen, events wait in the queue and the tree holds still; thawing applies them. */
    public void setFrozen(boolean freeze) {
        frozen = freeze;
        status.describe();
    }

    public void showMessage(String message) {
        status.message(message);
    }

    @Override
    public void setFocus() {
        keys.viewer().getControl().setFocus();
    }

    @Override
    public void dispose() {
        UiPreferences.store().removePropertyChangeListener(preferencesChanged);
        if (decorators != null) {
            decorators.close();
        }
        if (follower != null) {
            follower.dispose();
        }
        super.dispose();
    }

    // ---- for the parts

    StoreFollower follower() {
        return follower;
    }

    KeyViewer keyViewer() {
        return keys;
    }

    LiveUpdates updates() {
        return updates;
    }

    ViewStatus status() {
        return status;
    }

    SilenceChanges silenceChanges() {
        return silenceChanges;
    }

    ChangeColours colours() {
        return colours;
    }

    KeyFilter filter() {
        return filterBox.filter();
    }

    /** The row's background now, or null for the tree's own. */
    Color background(KeyNode node) {
        return background.of(node);
    }

    /** The key name's colour now, or null for the tree's own. */
    Color foreground(KeyNode node) {
        return paintsLastKnown() ? staleForeground() : background.foreground(node);
    }

    /**
     * Whether rows are painted greyed: {@link #showsLastKnown()} as the view last looked at it, at most a pump
     * ago. Every row is repainted when that look finds it turned, so no row keeps a colour the view left.
     */
    boolean paintsLastKnown() {
        return updates.showingLastKnown();
    }

    /**
     * True while the keys shown are only the last known: the target is not connected and answering now (the
     * agent does not answer, its guest may be stopped; the agent is lost and being reconnected; the target was
     * disconnected) or its store is unavailable. Rows are then greyed and nothing can be edited.
     */
    public boolean showsLastKnown() {
        TargetConnection connection = connection();
        if (connection == null || tree() == null) {
            return false;
        }
        if (connection.state().status() != ConnectionStatus.CONNECTED) {
            return true;
        }
        StoreSession session = follower.session();
        return session != null && session.shown() && session.tree().unavailable().isPresent();
    }

    /**
     * Since when the keys shown are only the last known (see {@link #showsLastKnown()}): the last answer of
     * the agent, or when the store became unavailable or the connection was lost; empty while they are current.
     */
    public Optional<Instant> lastKnownSince() {
        if (!showsLastKnown()) {
            return Optional.empty();
        }
        if (updates.lastKnownFrom() != null) {
            return Optional.of(updates.lastKnownFrom());
        }
        Optional<Instant> lastAnswer = connection().notAnsweringSince();
        if (lastAnswer.isPresent()) {
            return lastAnswer;
        }
        StoreSession session = follower.session();
        return Optional.of(session == null ? Instant.now() : session.tree().unavailable()
                .map(outage -> Instant.now().minusNanos(System.nanoTime() - outage.sinceNanos()))
                .orElseGet(Instant::now));
    }

    /**
     * Why the keys shown are the last known: "the store is unavailable" or "NAME does not answer"; with
     * {@code past}, as "changed while …" ends.
     */
    String lastKnownCause(boolean past) {
        StoreSession session = follower.session();
        if (session != null && session.tree().unavailable().isPresent()) {
            return past ? "the store was unavailable" : "the store is unavailable";
        }
        TargetConnection connection = connection();
        if (connection == null) {
            return past ? "the target did not answer" : "the target does not answer";
        }
        String name = connection.target().name();
        return switch (connection.state().status()) {
            // Connected again: a silence that passed between two looks of the view.
            case NOT_ANSWERING, CONNECTED -> name + (past ? " did not answer" : " does not answer");
            case RECONNECTING -> "the agent of " + name + (past ? " was lost" : " is lost");
            default -> name + (past ? " was not connected" : " is not connected");
        };
    }

    /** What changed while the keys shown were the last known, once they are current again; empty before. */
    public Optional<SnapshotDiff> changesWhileLastKnown() {
        return silenceChanges.last().map(SilenceChanges.Result::diff);
    }

    /**
     * Opens the list of what changed while the keys shown were the last known (added, removed, changed, with
     * both values); says in the status line when there is none yet. Returns the dialog, or null.
     */
    public KeyChangesDialog showChangesWhileLastKnown() {
        Optional<SilenceChanges.Result> last = silenceChanges.last();
        if (last.isEmpty()) {
            showMessage("Nothing to list: the keys shown have not been the last known since this store was shown.");
            return null;
        }
        SilenceChanges.Result result = last.get();
        KeyChangesDialog dialog = new KeyChangesDialog(getSite().getShell(), result.diff(),
                new KeyChangesDialog.Wording(CHANGES_WHILE_LAST_KNOWN, result.summary() + ".",
                        "Last known", "When current again"),
                null, UiPreferences.changedColor());
        dialog.open();
        return dialog;
    }

    /** The platform's colour for secondary text (as decorations' qualifiers), for rows that are last known. */
    public Color staleForeground() {
        Color qualifier = JFaceResources.getColorRegistry().get(JFacePreferences.QUALIFIER_COLOR);
        return qualifier != null ? qualifier : Display.getCurrent().getSystemColor(SWT.COLOR_DARK_GRAY);
    }

    /** The Store column: the watched store's kind. */
    String storeName() {
        StoreSession session = follower.session();
        return session == null ? "" : session.unit().store();
    }

    private void reloadColours() {
        if (colours != null) {
            colours.reload();
        }
    }

    private void decorationsChanged() {
        if (!keys.isDisposed() && updates.shown() != null) {
            keys.refreshAll();
        }
    }

    private boolean freezeState() {
        Command command = getSite().getService(ICommandService.class).getCommand(FREEZE_COMMAND_ID);
        State state = command.getState(RegistryToggleState.STATE_ID);
        return state != null && Boolean.TRUE.equals(state.getValue());
    }
}
