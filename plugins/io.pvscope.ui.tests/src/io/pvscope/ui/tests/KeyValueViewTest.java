package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import com.google.protobuf.ByteString;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.TargetsView;
import io.pvscope.ui.keyvalue.KeyRowDecorator;

/**
 * The Key/Value view against the real agent's simulated store: browse, filter, edit, see another client's
 * change, delete; every effect on the store is checked through a connection of the test's own.
 */
class KeyValueViewTest {

    @TempDir
    Path dir;

    private static AgentProcess agent;
    private static IWorkbenchWindow window;
    private static IWorkbenchPage page;
    private static Target target;
    private static KeyValueView view;
    private static TargetConnection own;
    private static UnitStore store;
    private static PaintedRows painted;

    @BeforeAll
    static void connect() throws Exception {
        agent = AgentProcess.start();
        window = Workbench.window();
        page = Workbench.openPerspective(window);
        target = Workbench.addAndConnect(page, agent.target());
        view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the store is loaded", Workbench.UI_TIMEOUT, () -> view.tree() != null && view.tree().isLive());
        own = new TargetConnection(agent.target(), c -> {
        });
        own.connect().get(30, TimeUnit.SECONDS);
        store = own.store(Agents.simulatedUnit(own));
        painted = PaintedRows.watch(view.viewer().getTree());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (painted != null) {
            painted.close();
        }
        if (view != null && !view.filterBox().isDisposed()) {
            view.filterBox().setText("");
        }
        if (own != null) {
            own.disconnect();
        }
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        agent.close();
    }

    @Test
    void keyTreeShowsTheStoreWithAccessPerKey() {
        assertEquals(store.unit(), view.unit(), "the view chose the unit that has the simulated store");
        assertTrue(KeyTreeItems.topLevel(view).containsAll(List.of("device", "data", "name")),
                KeyTreeItems.topLevel(view).toString());

        TreeItem mac = waitForItem("device/vif/0/mac");

        assertEquals("00:16:3e:5a:1c:07", mac.getText(1));
        assertEquals("sim", mac.getText(2));
        assertEquals("read-only", mac.getText(3));
        assertEquals("read-write", waitForItem("data/updated").getText(3));
    }

    @Test
    void filterKeepsMatchingKeysAndThePathToThem() {
        try {
            view.filterBox().setText("VIF/0/M");
            Ui.waitUntil("the filter applies", Workbench.UI_TIMEOUT,
                    () -> KeyTreeItems.topLevel(view).equals(List.of("device")));

            TreeItem mac = waitForItem("device/vif/0/mac");
            assertEquals("mac", mac.getText(0));
            assertTrue(view.viewer().getExpandedState(view.tree().find("device/vif/0")), "matches are expanded");
        } finally {
            view.filterBox().setText("");
            Ui.waitUntil("the filter is cleared", Workbench.UI_TIMEOUT,
                    () -> KeyTreeItems.topLevel(view).size() > 1);
        }
    }

    @Test
    void editedValueReachesTheAgentsStore() throws Exception {
        store.write("data/edited", ByteString.copyFromUtf8("before")).get(30, TimeUnit.SECONDS);
        waitForItem("data/edited");
        KeyNode node = view.tree().find("data/edited");

        view.viewer().editElement(node, 1);
        Text editor = (Text) view.viewer().getTree().getDisplay().getFocusControl();
        editor.setText("after");
        editor.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new Event());

        Ui.waitUntil("the store holds the edited value", Workbench.UI_TIMEOUT, () -> "after".equals(read("data/edited")));
        waitForPainted("data/edited", 1, "after");
    }

    @Test
    void readOnlyKeysCannotBeEdited() {
        KeyNode name = view.tree().find("name");

        view.viewer().editElement(name, 1);

        assertFalse(view.viewer().isCellEditorActive(), "no editor on a read-only key");
    }

    @Test
    void refusedWriteIsShownOnTheKey() {
        view.operations().write("name", "not allowed");

        Ui.waitUntil("the refusal shows on the key", Workbench.UI_TIMEOUT,
                () -> waitForItem("name").getText(1).contains("EACCES"));
        assertTrue(view.tree().find("name").localError().startsWith("write failed: EACCES"),
                view.tree().find("name").localError());
    }

    @Test
    void changeBehindTheIdesBackIsHighlighted() throws Exception {
        waitForItem("data/updated");
        long start = System.nanoTime();

        store.write("data/updated", ByteString.copyFromUtf8("changed by the guest")).get(30, TimeUnit.SECONDS);
        TreeItem row = waitForPainted("data/updated", 1, "changed by the guest");
        long latency = painted.paintedAt("data/updated", 1, "changed by the guest") - start;

        assertNotEquals(view.viewer().getTree().getBackground().getRGB(), row.getBackground(1).getRGB(),
                "painted on the changed colour");
        System.out.printf("pvscope measurement: write by another client to its row painted with the new value:"
                + " %d ms%n", TimeUnit.NANOSECONDS.toMillis(latency));
        saveScreenshot();
    }

    @Test
    void deletedKeyIsMarkedThenRemovedAndGoneFromTheStore() throws Exception {
        store.write("data/doomed", ByteString.copyFromUtf8("x")).get(30, TimeUnit.SECONDS);
        waitForItem("data/doomed");

        view.operations().delete(List.of(view.tree().find("data/doomed")));

        Ui.waitUntil("the key is marked deleted", Workbench.UI_TIMEOUT,
                () -> view.tree().find("data/doomed") == null || view.tree().find("data/doomed").isDeleted());
        Ui.waitUntil("the key is removed", Workbench.UI_TIMEOUT, () -> view.tree().find("data/doomed") == null);
        ExecutionException missing = assertThrows(ExecutionException.class,
                () -> store.read("data/doomed").get(30, TimeUnit.SECONDS));
        assertEquals("ENOENT", StoreErrors.errno(missing).orElseThrow());
    }

    @Test
    void copyCommandPutsTheKeysPathOnTheClipboard() throws Exception {
        KeyNode mac = view.tree().find("device/vif/0/mac");
        waitForItem(mac.key());
        Workbench.activate(page, view);
        view.viewer().setSelection(new StructuredSelection(mac), true);

        Workbench.execute(page, "org.eclipse.ui.edit.copy");

        Clipboard clipboard = new Clipboard(view.viewer().getTree().getDisplay());
        try {
            assertEquals("device/vif/0/mac", clipboard.getContents(TextTransfer.getInstance()));
        } finally {
            clipboard.dispose();
        }
    }

    @Test
    void freezeHoldsChangesUntilThawed() throws Exception {
        waitForItem("data/updated");
        Workbench.activate(page, view);
        Workbench.execute(page, "io.pvscope.ui.commands.freeze");
        assertTrue(view.isFrozen());

        store.write("data/updated", ByteString.copyFromUtf8("while frozen")).get(30, TimeUnit.SECONDS);
        Ui.waitUntil("the agent reported the change", Workbench.UI_TIMEOUT,
                () -> view.getContentDescription().contains("1 changes waiting"));
        assertNotEquals("while frozen", view.tree().find("data/updated").valueText());

        Workbench.execute(page, "io.pvscope.ui.commands.freeze");
        Ui.waitUntil("the change is shown once thawed", Workbench.UI_TIMEOUT,
                () -> "while frozen".equals(view.tree().find("data/updated").valueText()));
        assertFalse(Workbench.toggleState(page, "io.pvscope.ui.commands.freeze"));
    }

    @Test
    void decoratorServiceTintsTheRowsOfItsKeys() {
        RGB tint = new RGB(200, 230, 255);
        TreeItem mac = waitForItem("device/vif/0/mac");
        RGB plain = mac.getBackground(1).getRGB();
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        BundleContext context = FrameworkUtil.getBundle(KeyValueViewTest.class).getBundleContext();
        ServiceRegistration<KeyRowDecorator> registration = context.registerService(KeyRowDecorator.class,
                (tinted, unit, key) -> {
                    asked.add(tinted.address() + " " + unit + " " + key);
                    return key.equals("device/vif/0/mac") ? tint : null;
                }, null);
        try {
            Ui.waitUntil("the decorated row is tinted", Workbench.UI_TIMEOUT,
                    () -> tint.equals(waitForItem("device/vif/0/mac").getBackground(1).getRGB()));
            assertEquals(plain, waitForItem("device/vif/0/handle").getBackground(1).getRGB(), "other rows keep theirs");
            assertTrue(asked.contains(target.address() + " " + store.unit() + " device/vif/0/mac"), asked.toString());
        } finally {
            registration.unregister();
        }
        Ui.waitUntil("the tint is gone with the decorator", Workbench.UI_TIMEOUT,
                () -> plain.equals(waitForItem("device/vif/0/mac").getBackground(1).getRGB()));
    }

    @Test
    void exportWritesTheVisibleSubtree() throws Exception {
        Path file = dir.resolve("export.txt");

        view.operations().export(view.tree(), view.tree().find("device/vif"), file);

        Ui.waitUntil("the file is written", Workbench.UI_TIMEOUT, () -> size(file) > 0);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("device/vif/0/mac = 00:16:3e:5a:1c:07"), lines.toString());
        assertTrue(lines.stream().allMatch(line -> line.startsWith("device/vif")), lines.toString());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static TreeItem waitForItem(String key) {
        return KeyTreeItems.waitFor(view, key);
    }

    /** Waits until the tree painted {@code text} in {@code column} of {@code key}'s row, scrolled into sight. */
    private static TreeItem waitForPainted(String key, int column, String text) {
        TreeItem item = waitForItem(key);
        view.viewer().getTree().showItem(item);
        // Only a window in front is painted: as a user looking at the view.
        view.viewer().getTree().getShell().forceActive();
        Ui.waitUntil(key + " is painted with " + text, Workbench.UI_TIMEOUT,
                () -> text.equals(painted.text(key, column)));
        return item;
    }

    private static String read(String key) {
        try {
            return store.read(key).get(30, TimeUnit.SECONDS).getValue().toStringUtf8();
        } catch (Exception e) {
            return null;
        }
    }

    /** The window with a highlighted change, the Targets view's area alone, for the README. */
    private static void saveScreenshot() throws Exception {
        Path keys = Ui.screenshot("keyvalue.png");
        if (keys == null) {
            return;
        }
        waitForItem("device/vif/0/mac");
        Workbench.activate(page, view);
        view.viewer().setSelection(new StructuredSelection(view.tree().find("data/updated")), true);
        Ui.saveScreenshot(window.getShell(), keys);
        TargetsView targets = (TargetsView) page.findView(PvScopeUi.TARGETS_VIEW_ID);
        Ui.saveScreenshot(targets.viewer().getControl(), Ui.screenshot("targets.png"));
    }
}
