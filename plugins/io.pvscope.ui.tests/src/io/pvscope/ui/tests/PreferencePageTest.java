package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.preferences.UiPreferences;

/**
 * Window > Preferences > PvScope in the workbench's real Preferences dialog, against a real agent that serves
 * a watched store (the simulated one) and a polled one (Hyper-V KVP pool files): values typed and applied
 * there reach the core's calls, the agent's poll timer and the colours the Key/Value view paints; Restore
 * Defaults puts every value back; out-of-range input is refused with the page's message.
 */
class PreferencePageTest {

    /** Hyper-V KVP pool files the agent is given (none: its kvp store is empty). */
    @TempDir
    static Path pools;

    private static final String PAGE_ID = "io.pvscope.ui.preferences";
    private static final List<String> KEYS = List.of(UiPreferences.POLL_INTERVAL_MS, UiPreferences.FADE_MS,
            UiPreferences.RPC_TIMEOUT_S, UiPreferences.MAX_MESSAGE_KIB, UiPreferences.CHANGED_COLOR,
            UiPreferences.DELETED_COLOR);

    private static AgentProcess agent;
    private static IWorkbenchWindow window;
    private static IWorkbenchPage page;
    private static Target target;
    private static KeyValueView view;
    private static TargetConnection own;
    private static UnitStore sim;
    private PreferencePageDriver dialog;

    @BeforeAll
    static void connect() throws Exception {
        agent = AgentProcess.start(List.of("--kvp-pool-dir", pools.toString()));
        window = Workbench.window();
        page = Workbench.openPerspective(window);
        target = Workbench.addAndConnect(page, agent.target());
        view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        own = new TargetConnection(agent.target(), c -> {
        });
        own.connect().get(30, TimeUnit.SECONDS);
        sim = own.store(Agents.simulatedUnit(own));
    }

    @AfterEach
    void closeAndRestore() {
        if (dialog != null) {
            dialog.close();
        }
        IPreferenceStore store = UiPreferences.store();
        KEYS.forEach(store::setToDefault);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (own != null) {
            own.disconnect();
        }
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        agent.close();
    }

    @Test
    void anAppliedTimeoutBoundsTheCoresCalls() {
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);

        dialog.type(UiPreferences.RPC_TIMEOUT_S, "3");
        dialog.apply();

        assertEquals(3, UiPreferences.store().getInt(UiPreferences.RPC_TIMEOUT_S));
        assertEquals(Duration.ofSeconds(3), PvScopeCore.targets().callTimeout());
    }

    @Test
    void anAppliedMessageLimitBoundsWhatTheCoreAccepts() {
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);

        dialog.type(UiPreferences.MAX_MESSAGE_KIB, "64");
        dialog.apply();

        assertEquals(64 * 1024, PvScopeCore.targets().maxMessageBytes());
    }

    @Test
    void anAppliedPollIntervalIsWhatTheAgentPollsTheStoreAt() throws Exception {
        showUnit("kvp");
        Ui.waitUntil("the agent polls at the default interval", Workbench.UI_TIMEOUT,
                () -> view.getContentDescription().contains("polled every 1000 ms"));
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);

        dialog.type(UiPreferences.POLL_INTERVAL_MS, "250");
        dialog.applyAndClose();
        Workbench.activate(page, view);
        Workbench.execute(page, "org.eclipse.ui.file.refresh");

        Ui.waitUntil("the agent reports the new interval", Workbench.UI_TIMEOUT,
                () -> view.getContentDescription().contains("polled every 250 ms"));
        assertFalse(dialog.isOpen());
    }

    @Test
    void chosenColoursArePaintedOnChangedAndDeletedKeys() throws Exception {
        showUnit("sim");
        RGB changed = new RGB(0, 128, 255);
        RGB deleted = new RGB(40, 90, 40);
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);
        dialog.chooseColour(UiPreferences.CHANGED_COLOR, changed);
        dialog.chooseColour(UiPreferences.DELETED_COLOR, deleted);
        // Long enough that the colours are still there when they are looked at.
        dialog.type(UiPreferences.FADE_MS, "60000");
        dialog.applyAndClose();

        sim.write("data/tinted", ByteString.copyFromUtf8("painted")).get(30, TimeUnit.SECONDS);
        TreeItem row = paintedWith("data/tinted", "painted", node -> true);
        RGB background = view.viewer().getTree().getBackground().getRGB();
        RGB painted = row.getBackground(1).getRGB();
        assertTrue(distance(painted, changed) < distance(painted, background),
                "the new key is painted in the chosen colour fading out: " + painted);

        sim.delete("data/tinted").get(30, TimeUnit.SECONDS);
        TreeItem gone = paintedWith("data/tinted", "painted  (deleted)", KeyNode::isDeleted);
        assertEquals(deleted, gone.getBackground(1).getRGB(), "the deleted key is painted in the chosen colour");
    }

    @Test
    void restoreDefaultsPutsEveryValueBack() {
        IPreferenceStore store = UiPreferences.store();
        store.setValue(UiPreferences.POLL_INTERVAL_MS, 5000);
        store.setValue(UiPreferences.FADE_MS, 100);
        store.setValue(UiPreferences.RPC_TIMEOUT_S, 42);
        store.setValue(UiPreferences.MAX_MESSAGE_KIB, 100);
        PreferenceConverter.setValue(store, UiPreferences.CHANGED_COLOR, new RGB(1, 2, 3));
        PreferenceConverter.setValue(store, UiPreferences.DELETED_COLOR, new RGB(4, 5, 6));
        assertEquals(Duration.ofSeconds(42), PvScopeCore.targets().callTimeout());
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);
        assertEquals("5000", dialog.text(UiPreferences.POLL_INTERVAL_MS), "the page shows the stored values");
        assertEquals(new RGB(1, 2, 3), dialog.colour(UiPreferences.CHANGED_COLOR));

        dialog.restoreDefaults();
        dialog.apply();

        for (String key : KEYS) {
            assertTrue(store.isDefault(key), key + " is back to its default");
        }
        assertEquals(Integer.toString(store.getDefaultInt(UiPreferences.POLL_INTERVAL_MS)),
                dialog.text(UiPreferences.POLL_INTERVAL_MS));
        assertEquals(PreferenceConverter.getDefaultColor(store, UiPreferences.CHANGED_COLOR),
                dialog.colour(UiPreferences.CHANGED_COLOR));
        assertEquals(Duration.ofSeconds(store.getDefaultInt(UiPreferences.RPC_TIMEOUT_S)),
                PvScopeCore.targets().callTimeout());
        assertEquals(store.getDefaultInt(UiPreferences.MAX_MESSAGE_KIB) * 1024,
                PvScopeCore.targets().maxMessageBytes());
    }

    @Test
    void outOfRangeInputIsRefusedWithThePagesMessage() {
        int before = UiPreferences.store().getInt(UiPreferences.POLL_INTERVAL_MS);
        dialog = PreferencePageDriver.open(window.getShell(), PAGE_ID);

        dialog.type(UiPreferences.POLL_INTERVAL_MS, "50");

        assertFalse(dialog.page().isValid());
        assertEquals(JFaceResources.format("IntegerFieldEditor.errorMessageRange", 100, 3_600_000),
                dialog.page().getErrorMessage());
        assertFalse(dialog.applyButton().isEnabled(), "Apply is disabled");
        assertFalse(dialog.okButton().isEnabled(), "Apply and Close is disabled");

        dialog.type(UiPreferences.POLL_INTERVAL_MS, "often");
        assertNotNull(dialog.page().getErrorMessage());
        dialog.type(UiPreferences.RPC_TIMEOUT_S, "0");
        assertFalse(dialog.page().isValid());
        dialog.type(UiPreferences.RPC_TIMEOUT_S, "5");
        dialog.type(UiPreferences.MAX_MESSAGE_KIB, "8");
        assertFalse(dialog.page().isValid(), "a message limit below 16 KiB is refused");
        dialog.type(UiPreferences.MAX_MESSAGE_KIB, "4096");

        dialog.type(UiPreferences.POLL_INTERVAL_MS, "1500");
        dialog.type(UiPreferences.RPC_TIMEOUT_S, "5");
        assertTrue(dialog.page().isValid());
        assertNull(dialog.page().getErrorMessage());
        assertEquals(before, UiPreferences.store().getInt(UiPreferences.POLL_INTERVAL_MS),
                "nothing is stored before Apply");
    }

    /** Picks the unit whose store is {@code store} in the view's unit chooser, as a user would. */
    private static void showUnit(String store) {
        Ui.waitUntil("the view lists the agent's stores", Workbench.UI_TIMEOUT,
                () -> view.unitChooser().getItemCount() >= 2);
        Combo chooser = view.unitChooser();
        for (int i = 0; i < chooser.getItemCount(); i++) {
            if (chooser.getItem(i).endsWith("— " + store)) {
                if (chooser.getSelectionIndex() != i) {
                    chooser.select(i);
                    chooser.notifyListeners(SWT.Selection, new Event());
                }
                Ui.waitUntil("the " + store + " store is shown", Workbench.UI_TIMEOUT,
                        () -> view.tree() != null && view.tree().isLive()
                                && view.getContentDescription().contains("(" + store + "): ")
                                && view.getContentDescription().contains(" keys")
                                && !view.getContentDescription().contains("loading"));
                return;
            }
        }
        throw new IllegalStateException("no " + store + " unit in " + List.of(chooser.getItems()));
    }

    /**
     * Waits until the view's key is in the state wanted, then until its row is painted as {@code text}. Rows
     * are only looked at once the key is there: looking expands and repaints the tree, which would keep the
     * event loop from running the view's timer.
     */
    private static TreeItem paintedWith(String key, String text, Predicate<KeyNode> state) {
        Ui.waitUntil(key + " arrives", Workbench.UI_TIMEOUT, () -> {
            KeyNode node = view.tree().find(key);
            return node != null && state.test(node);
        });
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(key + " is painted as \"" + text + "\"", Workbench.UI_TIMEOUT,
                () -> (found[0] = KeyTreeItems.item(view, key)) != null && text.equals(found[0].getText(1)));
        return found[0];
    }

    private static int distance(RGB a, RGB b) {
        return Math.abs(a.red - b.red) + Math.abs(a.green - b.green) + Math.abs(a.blue - b.blue);
    }
}
