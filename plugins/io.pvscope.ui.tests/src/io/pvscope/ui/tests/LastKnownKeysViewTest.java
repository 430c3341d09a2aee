package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.NotEnabledException;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.keyvalue.KeyChangesDialog;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * The Key/Value view while its keys are only the last known, on a real XenStore: the agent stopped with
 * SIGSTOP while Xen's own xenstore-write and xenstore-rm change the store, then continued; and the real
 * cxenstored killed and started again under the watched view. Changes are refused meanwhile, and what
 * changed is marked and listed once the keys are current again.
 */
class LastKnownKeysViewTest {

    private static final String DATA = "/local/domain/0/data/";
    private static final String ADD_KEY = "io.pvscope.ui.commands.addKey";
    private static final String CHANGES = "io.pvscope.ui.commands.changesWhileLastKnown";

    @RegisterExtension
    final Teardown teardown = new Teardown();

    private Xenstored xenstored;
    private AgentProcess agent;
    private IWorkbenchPage page;
    private KeyValueView view;

    private void watch() throws Exception {
        xenstored = teardown.close(RealXenstored.start());
        xenstored.write(DATA + "kept", "same");
        xenstored.write(DATA + "changed", "before");
        xenstored.write(DATA + "removed", "doomed");
        agent = teardown.close(AgentProcess.serve(List.of("--xenstore", xenstored.socket().toString(),
                "--allow-write", "xenstore:" + DATA)));
        page = Workbench.openPerspective(Workbench.window());
        teardown.remove(Workbench.addAndConnect(page, agent.target()));
        view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the XenStore keys are loaded", Workbench.UI_TIMEOUT,
                () -> view.tree() != null && view.tree().isLive() && view.tree().find(DATA + "removed") != null);
        Workbench.activate(page, view);
    }

    @Test
    void whatChangedWhileTheAgentWasStoppedIsMarkedAndListedOnceItAnswers() throws Exception {
        watch();

        agent.stop();
        Ui.waitUntil("the view says its keys are the last known", Workbench.UI_TIMEOUT,
                () -> view.showsLastKnown() && view.getContentDescription()
                        .endsWith("the keys shown are the last known, read-only until it answers"));
        assertThrows(NotEnabledException.class, () -> Workbench.execute(page, ADD_KEY),
                "Add Key is disabled while the keys are the last known");
        view.operations().write(DATA + "kept", "written while stopped");
        assertEquals("same", xenstored.read(DATA + "kept"), "nothing is queued for a stopped agent");
        assertNotNull(view.lastKnownSince().orElse(null), "the view says since when");
        assertTrue(view.snapshot().isLastKnown(), "a snapshot taken now says its keys are the last known");

        // The other side of the store goes on while the guest's agent is stopped.
        xenstored.write(DATA + "changed", "after");
        xenstored.write(DATA + "added", "new");
        xenstored.remove(DATA + "removed");
        long resumed = System.nanoTime();
        agent.resume();

        Ui.waitUntil("the changes while not answering are known", Workbench.UI_TIMEOUT,
                () -> view.changesWhileLastKnown().isPresent(),
                () -> view.getContentDescription() + "; last known " + view.showsLastKnown() + "; agent: "
                        + agent.output());
        SnapshotDiff diff = view.changesWhileLastKnown().get();
        assertEquals(List.of(change(DATA + "changed", "before", "after")), texts(diff.changed()));
        assertEquals(List.of(change(DATA + "added", "", "new")), texts(diff.added()));
        assertEquals(List.of(change(DATA + "removed", "doomed", "")), texts(diff.removed()));
        KeyNode changed = view.tree().find(DATA + "changed");
        assertTrue(changed.changedAt() - resumed > 0, "the changed key is marked in the changed colour");
        assertEquals(0, view.tree().find(DATA + "kept").changedAt(), "an unchanged key is not");

        List<List<String>> rows = listed();
        assertEquals(List.of(List.of("changed", DATA + "changed", "before", "after"),
                List.of("added", DATA + "added", "", "new"),
                List.of("removed", DATA + "removed", "doomed", "")), rows);

        view.operations().write(DATA + "kept", "written once it answers");
        Ui.waitUntil("a write reaches the store again", Workbench.UI_TIMEOUT,
                () -> "written once it answers".equals(read(DATA + "kept")));

        // The list is about that target: following another one, nothing is listed, also when the first
        // one's session had ended before (disconnected: its keys stay shown until another store is).
        Workbench.activate(page, page.showView(PvScopeUi.TARGETS_VIEW_ID));
        Workbench.execute(page, PvScopeUi.DISCONNECT_COMMAND_ID);
        Ui.waitUntil("the first target is disconnected", Workbench.UI_TIMEOUT,
                () -> view.getContentDescription().contains("not connected"), view::getContentDescription);
        assertTrue(view.changesWhileLastKnown().isPresent(), "still listed for the disconnected target");
        AgentProcess other = teardown.close(AgentProcess.start());
        teardown.remove(Workbench.addAndConnect(page, other.target()));
        Ui.waitUntil("the view shows the other target's keys", Workbench.UI_TIMEOUT,
                () -> view.tree() != null && view.tree().isLive() && view.tree().find("device/vif/0/mac") != null);
        assertTrue(view.changesWhileLastKnown().isEmpty(), "nothing listed about the first target");
        assertNull(view.showChangesWhileLastKnown(), "no list opens: the command says there is nothing to list");
    }

    @Test
    void aSilenceThatEndsWhileTheUiThreadIsBusyIsStillCompared() throws Exception {
        watch();

        // The UI thread does not run the view's events meanwhile: the whole silence passes between two
        // looks of the view, as when the workbench is busy while a guest stops and runs again briefly.
        agent.stop();
        busyUntil(() -> view.connection().state().status() == ConnectionStatus.NOT_ANSWERING);
        xenstored.write(DATA + "changed", "while busy");
        agent.resume();
        busyUntil(() -> view.connection().state().status() == ConnectionStatus.CONNECTED);

        Ui.waitUntil("the changes while not answering are known", Workbench.UI_TIMEOUT,
                () -> view.changesWhileLastKnown().isPresent(), view::getContentDescription);
        assertEquals(List.of(change(DATA + "changed", "before", "while busy")),
                texts(view.changesWhileLastKnown().get().changed()));
    }

    /** Waits on the UI thread without running its events. */
    private static void busyUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Workbench.UI_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }

    @Test
    void aKilledStoreIsShownAsUnavailableThenReplacedByTheFreshOne() throws Exception {
        watch();

        xenstored.kill();
        Ui.waitUntil("the view says the store is unavailable", Workbench.UI_TIMEOUT,
                () -> view.getContentDescription().contains("store unavailable since ")
                        && view.getContentDescription().endsWith("read-only until it is back"));
        assertTrue(view.showsLastKnown());
        assertEquals("before", KeyTreeItems.waitFor(view, DATA + "changed").getText(1), "the last keys stay");
        assertThrows(NotEnabledException.class, () -> Workbench.execute(page, ADD_KEY));

        // The daemon is back empty (it keeps nothing); the toolstack writes some keys again.
        xenstored.restart();
        xenstored.write(DATA + "changed", "after restart");

        Ui.waitUntil("the fresh snapshot replaced the tree", Workbench.UI_TIMEOUT,
                () -> !view.showsLastKnown() && view.tree().find(DATA + "removed") == null
                        && "after restart".equals(text(DATA + "changed")),
                () -> view.getContentDescription() + "; lastKnown " + view.showsLastKnown() + " removed " + text(DATA + "removed")
                        + " changed " + text(DATA + "changed") + "; agent: " + agent.output() + "; trace: " + xenstored.traceTail(200));
        Ui.waitUntil("the keys the store no longer has leave the painted tree", Workbench.UI_TIMEOUT,
                () -> KeyTreeItems.item(view, DATA + "kept") == null);
        Ui.waitUntil("the changes while unavailable are known", Workbench.UI_TIMEOUT,
                () -> view.changesWhileLastKnown().isPresent());
        SnapshotDiff diff = view.changesWhileLastKnown().get();
        assertTrue(texts(diff.removed()).contains(change(DATA + "kept", "same", "")), diff.toString());
        assertEquals(List.of(change(DATA + "changed", "before", "after restart")), texts(diff.changed()));
    }

    /** Opens the list through its command, reads its painted rows and closes it. */
    private List<List<String>> listed() throws Exception {
        Workbench.execute(page, CHANGES);
        Shell shell = Ui.findShell(KeyValueView.CHANGES_WHILE_LAST_KNOWN);
        try {
            KeyChangesDialog dialog = (KeyChangesDialog) shell.getData();
            assertTrue(dialog.summary().contains("did not answer"), dialog.summary());
            List<List<String>> rows = new ArrayList<>();
            for (TableItem item : dialog.table().getTable().getItems()) {
                rows.add(List.of(item.getText(0), item.getText(1), item.getText(2), item.getText(3)));
            }
            Path picture = Ui.screenshot("changes-while-last-known.png");
            if (picture != null) {
                Ui.saveScreenshot(shell, picture);
            }
            return rows;
        } finally {
            if (!shell.isDisposed()) {
                shell.close();
            }
        }
    }

    private String read(String key) {
        try {
            return xenstored.read(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String key) {
        KeyNode node = view.tree().find(key);
        return node == null ? null : node.valueText();
    }

    private static List<String> change(String key, String before, String after) {
        return List.of(key, before, after);
    }

    private static List<List<String>> texts(List<SnapshotDiff.Change> changes) {
        return changes.stream().map(each -> change(each.key(), each.beforeText(), each.afterText())).toList();
    }
}
