package io.pvscope.ui.internal.keyvalue;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.ui.internal.NetworkJob;
import io.pvscope.ui.internal.preferences.UiPreferences;
import io.pvscope.ui.internal.views.FollowedTarget;

/**
 * Follows the target selected in the Targets view and the unit chosen above the tree: which store is
 * watched, by which {@link StoreSession}, started and stopped as the connection comes and goes.
 */
final class StoreFollower {

    private final KeyValueView view;
    private final Combo unitChooser;
    private FollowedTarget followed;
    private List<UnitDescriptor> storeUnits = List.of();
    private StoreSession session;
    private TargetConnection fetchingUnits;
    /** The connection last followed, to tell another target from a change of the same one's state. */
    private TargetConnection lastConnection;

    /** Adds the unit chooser to {@code bar}; {@link #follow()} starts following. */
    StoreFollower(Composite bar, KeyValueView view) {
        this.view = view;
        new Label(bar, SWT.NONE).setText("Unit:");
        unitChooser = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(unitChooser);
        unitChooser.addListener(SWT.Selection, event -> unitChosen());
    }

    void follow() {
        followed = new FollowedTarget(view.getSite(), view.keyViewer().viewer().getControl(), this::connectionChanged);
        connectionChanged(followed.connection());
    }

    Combo unitChooser() {
        return unitChooser;
    }

    /** The connection to the followed target, or null. */
    TargetConnection connection() {
        return followed == null ? null : followed.connection();
    }

    /** The session watching the store, or null. */
    StoreSession session() {
        return session;
    }

    /** True when the target's units were read and none has a store. */
    boolean noStore() {
        TargetConnection connection = connection();
        return storeUnits.isEmpty() && connection != null && connection.unitList().isPresent();
    }

    /** Starts the watch again: a fresh snapshot replaces the tree once it is complete. */
    void restart() {
        TargetConnection connection = connection();
        if (session != null && connection != null && connection.state().status() == ConnectionStatus.CONNECTED) {
            startSession(session.unit());
        } else if (view.showsLastKnown()) {
            // The stream resumes (or a fresh snapshot comes) by itself once the agent answers again.
            view.status().error("Not refreshed: " + view.lastKnownCause(false) + "; the keys shown stay as last known");
        }
    }

    void dispose() {
        if (followed != null) {
            followed.dispose();
        }
        if (session != null) {
            session.stop();
        }
    }

    private void connectionChanged(TargetConnection connection) {
        boolean anotherTarget = connection != lastConnection;
        lastConnection = connection;
        if (connection == null) {
            stopSession(true);
            setUnits(List.of());
            view.status().describe();
            return;
        }
        if (anotherTarget || session != null && session.connection() != connection) {
            // Also when the old target's session had already stopped: what the view remembers is about it.
            stopSession(true);
        }
        switch (connection.state().status()) {
            case CONNECTED -> {
                if (connection.unitList().isEmpty()) {
                    fetchUnits(connection);
                } else {
                    setUnits(connection.unitList().get().stream()
                            .filter(UnitDescriptor::hasStore).toList());
                    if (session == null || session.feed().isOver()) {
                        UnitDescriptor chosen = chosenUnit();
                        if (chosen != null) {
                            startSession(chosen);
                        }
                    }
                }
            }
            case NOT_ANSWERING, RECONNECTING -> {
                // Keep showing the last keys, as last-known state: a stopped guest's stream resumes where it
                // stopped, a lost agent's comes back with a fresh snapshot once reconnected.
            }
            case CONNECTING, FAILED, DISCONNECTED -> stopSession(false);
        }
        view.status().describe();
    }

    private void fetchUnits(TargetConnection connection) {
        if (fetchingUnits == connection) {
            return;
        }
        fetchingUnits = connection;
        NetworkJob.of("Reading the units of " + connection.target().name(), connection::fetchUnitList,
                unitChooser.getDisplay())
                .whenDone(units -> {
                    fetchingUnits = null;
                    if (!unitChooser.isDisposed()) {
                        connectionChanged(connection());
                    }
                })
                .whenFailed(error -> {
                    fetchingUnits = null;
                    if (!unitChooser.isDisposed()) {
                        view.status().show(connection.target().name() + ": " + StoreErrors.describe(error));
                    }
                })
                .schedule();
    }

    private void setUnits(List<UnitDescriptor> units) {
        if (units.equals(storeUnits)) {
            return;
        }
        int wanted = session != null ? session.unit().number() : -1;
        storeUnits = units;
        unitChooser.setItems(units.stream().map(StoreFollower::unitText).toArray(String[]::new));
        int index = 0;
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).number() == wanted) {
                index = i;
            }
        }
        if (!units.isEmpty()) {
            unitChooser.select(index);
        }
    }

    private UnitDescriptor chosenUnit() {
        int index = unitChooser.getSelectionIndex();
        return index < 0 || index >= storeUnits.size() ? null : storeUnits.get(index);
    }

    private void unitChosen() {
        UnitDescriptor chosen = chosenUnit();
        TargetConnection connection = connection();
        if (chosen == null || connection == null || session != null && session.unit().equals(chosen)) {
            return;
        }
        stopSession(true);
        if (connection.state().status() == ConnectionStatus.CONNECTED) {
            startSession(chosen);
        }
        view.status().describe();
    }

    private void startSession(UnitDescriptor unit) {
        if (session != null) {
            session.stop();
        }
        session = new StoreSession(connection(), unit, view.updates()::wake);
        session.start(UiPreferences.pollInterval());
        view.status().describe();
    }

    /** @param clear also empty the tree (another store); otherwise the last keys stay visible */
    private void stopSession(boolean clear) {
        if (session != null) {
            session.stop();
            session = null;
        }
        if (clear) {
            view.updates().clear();
        }
    }

    private static String unitText(UnitDescriptor unit) {
        return String.format(Locale.ROOT, "%d: %s — %s", unit.number(), unit.name(), unit.store());
    }
}
