package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
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
 * A 50 000-key store of the real agent in the Key/Value view. Asserts what is shown (all keys, the filter's
 * result, the painted values) and what keeps the UI thread free with that many keys: the viewer is virtual
 * and fills only the rows in sight, never a row per key. Prints, for a reader, the time until the rows of the
 * complete store are painted after Connect and two refreshes with the longest UI-thread stall meanwhile, the
 * longest stall while filtering, and the time from a change written by another client to its row painted;
 * such timings are not asserted (the machine is shared and noisy).
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
        String load = LoadAverage.now();
        List<Long> loads = new ArrayList<>();
        try (UiStallProbe probe = UiStallProbe.start(Display.getCurrent());
                PaintedRows painted = PaintedRows.watch(view.viewer().getTree())) {
            probe.phase("connecting");
            long start = System.nanoTime();
            target = Workbench.addAndConnect(page, agent.target());
            probe.phase("loading");
            loads.add(BulkStore.waitUntilPainted(view, painted, null, start));
            assertTrue(view.tree().size() >= DIRECTORIES * KEYS_PER_DIRECTORY, "all keys are in the view");
            String firstLoad = "loading";
            for (int again = 1; again <= 2; again++) {
                probe.phase("refreshing " + again);
                KeyTree before = view.tree();
                painted.forget();
                start = System.nanoTime();
                view.refresh();
                loads.add(BulkStore.waitUntilPainted(view, painted, before, start));
                assertTrue(view.tree().size() >= DIRECTORIES * KEYS_PER_DIRECTORY, "all keys are in the view");
            }
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, BulkStore.keys(view.tree()));
            Tree rows = view.viewer().getTree();
            assertTrue((rows.getStyle() & SWT.VIRTUAL) != 0, "the key viewer is a virtual tree");
            int filled = KeyTreeItems.filledRows(rows);
            assertTrue(filled < 2 * DIRECTORIES, "the viewer filled " + filled + " rows for "
                    + DIRECTORIES * KEYS_PER_DIRECTORY + " keys: only those in sight, not one per key");

            probe.phase("filtering");
            painted.forget();
            view.filterBox().setText("k123");
            Ui.waitUntil("the filtered rows are painted", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() < 1000 && "bulk".equals(painted.text("bulk", 0)));
            Ui.settle(Duration.ofMillis(500));
            assertEquals(DIRECTORIES, view.tree().visibleChildren(view.tree().find("bulk")).stream()
                    .filter(directory -> view.tree().visibleChildren(directory).size() == 1).count(),
                    "one key per directory matches");
            probe.phase("clearing the filter");
            view.filterBox().setText("");
            Ui.waitUntil("the filter is cleared", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() == view.tree().size());
            Ui.settle(Duration.ofMillis(500));

            probe.phase("setting up a second client");
            UnitStore store = ownStore();
            assertTrue(KeyTreeItems.item(view, "data/updated") != null, "the key's row is in sight");
            probe.phase("live changes");
            List<String> latencies = watchToPaint(store, painted, 5);

            System.out.printf("pvscope measurement: ui, %d keys (load average %s at the start, %s at the end): Connect command to all keys"
                    + " painted %d ms, refreshes %d ms, %d ms; longest UI-thread stall while loading %d ms,"
                    + " refreshing %d ms, %d ms, filtering %d ms, clearing the filter %d ms (a plain thread's beat"
                    + " meanwhile: %d, %d, %d, %d, %d ms); change written by another client to its row painted"
                    + " with the new value: %s ms%n",
                    view.tree().size(), load, LoadAverage.now(), loads.get(0), loads.get(1), loads.get(2), probe.longestMillis(firstLoad),
                    probe.longestMillis("refreshing 1"), probe.longestMillis("refreshing 2"),
                    probe.longestMillis("filtering"), probe.longestMillis("clearing the filter"),
                    probe.longestControlMillis(firstLoad), probe.longestControlMillis("refreshing 1"),
                    probe.longestControlMillis("refreshing 2"), probe.longestControlMillis("filtering"),
                    probe.longestControlMillis("clearing the filter"), latencies);
            System.out.print("pvscope measurement: ui, where the UI thread was in the longest stalls:"
                    + System.lineSeparator() + probe.report(4));
            System.out.println("pvscope measurement: ui, garbage collectors: " + UiStallProbe.collectors());
        }
    }

    /** The simulated store through a connection of the test's own, as another client would write it. */
    private UnitStore ownStore() throws Exception {
        own = new TargetConnection(agent.target(), c -> {
        });
        own.connect().get(30, TimeUnit.SECONDS);
        return own.store(Agents.simulatedUnit(own));
    }

    /**
     * Writes data/updated {@code times} times without blocking the UI thread; returns, for each write, the
     * time from the call to its row painted with the new value and from the agent's acknowledgement to it.
     */
    static List<String> watchToPaint(UnitStore store, PaintedRows painted, int times) throws Exception {
        List<String> latencies = new ArrayList<>();
        for (int change = 1; change <= times; change++) {
            String value = "change " + change + " at " + System.nanoTime();
            long start = System.nanoTime();
            long[] acknowledged = new long[1];
            CompletableFuture<?> write = store.write("data/updated", ByteString.copyFromUtf8(value))
                    .thenRun(() -> acknowledged[0] = System.nanoTime());
            Ui.waitUntil("the row is painted with " + value, Workbench.UI_TIMEOUT,
                    () -> painted.paintedAt("data/updated", 1, value) != 0 && write.isDone());
            write.get();
            long paintedAt = painted.paintedAt("data/updated", 1, value);
            latencies.add(TimeUnit.NANOSECONDS.toMillis(paintedAt - start) + " (ack "
                    + TimeUnit.NANOSECONDS.toMillis(acknowledged[0] - start) + ")");
            Ui.settle(Duration.ofMillis(200));
        }
        return latencies;
    }
}
