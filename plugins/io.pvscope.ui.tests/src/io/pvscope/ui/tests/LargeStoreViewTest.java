package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * A 50 000-key store of the real agent in the Key/Value view. Asserts what is shown (all keys after Connect
 * and after two refreshes, the filter's result, a change by another client painted with its value) and what
 * keeps the UI thread free with that many keys: the viewer is virtual and fills only the rows in sight,
 * never a row per key. How long that takes and how long the UI thread stalls meanwhile is measured by
 * {@code ./pvscope-bench} (section 8, {@link IdeResponsivenessMeasurement}), against a baseline of the same
 * run: a shared machine makes timings unfit for assertions.
 */
class LargeStoreViewTest {

    @TempDir
    Path dir;

    private static final int DIRECTORIES = 200;
    private static final int KEYS_PER_DIRECTORY = 250;

    private AgentProcess agent;
    private Target target;
    private TargetConnection own;

    @AfterEach
    void stop() throws Exception {
        if (own != null) {
            own.disconnect();
        }
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void fiftyThousandKeysAreShownFilteredAndFollowedWhileTheViewerFillsOnlyTheRowsInSight() throws Exception {
        agent = AgentProcess.start(BulkStore.write(dir, DIRECTORIES, KEYS_PER_DIRECTORY), 0);
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        try (PaintedRows painted = PaintedRows.watch(view.viewer().getTree())) {
            target = Workbench.addAndConnect(page, agent.target());
            BulkStore.waitUntilPainted(view, painted, null, System.nanoTime());
            assertTrue(view.tree().size() >= DIRECTORIES * KEYS_PER_DIRECTORY, "all keys are in the view");
            for (int again = 1; again <= 2; again++) {
                KeyTree before = view.tree();
                painted.forget();
                view.refresh();
                BulkStore.waitUntilPainted(view, painted, before, System.nanoTime());
                assertTrue(view.tree().size() >= DIRECTORIES * KEYS_PER_DIRECTORY, "all keys are in the view");
            }
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, BulkStore.keys(view.tree()));
            Tree rows = view.viewer().getTree();
            assertTrue((rows.getStyle() & SWT.VIRTUAL) != 0, "the key viewer is a virtual tree");
            int filled = KeyTreeItems.filledRows(rows);
            assertTrue(filled < 2 * DIRECTORIES, "the viewer filled " + filled + " rows for "
                    + DIRECTORIES * KEYS_PER_DIRECTORY + " keys: only those in sight, not one per key");

            painted.forget();
            view.filterBox().setText("k123");
            Ui.waitUntil("the filtered rows are painted", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() < 1000 && "bulk".equals(painted.text("bulk", 0)));
            Ui.settle(Duration.ofMillis(500));
            assertEquals(DIRECTORIES, view.tree().visibleChildren(view.tree().find("bulk")).stream()
                    .filter(directory -> view.tree().visibleChildren(directory).size() == 1).count(),
                    "one key per directory matches");
            view.filterBox().setText("");
            Ui.waitUntil("the filter is cleared", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() == view.tree().size());
            Ui.settle(Duration.ofMillis(500));

            UnitStore store = ownStore();
            assertTrue(KeyTreeItems.item(view, "data/updated") != null, "the key's row is in sight");
            followChanges(store, painted, 5);
        }
    }

    /** The simulated store through a connection of the test's own, as another client would write it. */
    private UnitStore ownStore() throws Exception {
        own = new TargetConnection(agent.target(), c -> {
        });
        own.connect().get(30, TimeUnit.SECONDS);
        return own.store(Agents.simulatedUnit(own));
    }

    /** Writes data/updated {@code times} times without blocking the UI thread; waits for each value's row painted. */
    private static void followChanges(UnitStore store, PaintedRows painted, int times) throws Exception {
        for (int change = 1; change <= times; change++) {
            String value = "change " + change;
            CompletableFuture<?> write = store.write("data/updated", ByteString.copyFromUtf8(value));
            Ui.waitUntil("the row is painted with " + value, Workbench.UI_TIMEOUT,
                    () -> painted.paintedAt("data/updated", 1, value) != 0 && write.isDone());
            write.get();
            Ui.settle(Duration.ofMillis(200));
        }
    }
}
