package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * A 100 000-key store of the real agent in the Key/Value view: every key arrives, the filter finds and
 * paints the matches, and the UI thread's longest stalls are printed (not asserted).
 */
class HugeStoreViewTest {

    @TempDir
    Path dir;

    private static final int DIRECTORIES = 400;
    private static final int KEYS_PER_DIRECTORY = 250;

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void hundredThousandKeysLoadAndFilterWhileTheUiThreadKeepsBeating() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start(BulkStore.write(dir, DIRECTORIES, KEYS_PER_DIRECTORY), 0));
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        String load = LoadAverage.now();
        try (UiStallProbe probe = UiStallProbe.start(Display.getCurrent());
                PaintedRows painted = PaintedRows.watch(view.viewer().getTree())) {
            probe.phase("connecting");
            long start = System.nanoTime();
            teardown.remove(Workbench.addAndConnect(page, agent.target()));
            probe.phase("loading");
            long loaded = BulkStore.waitUntilPainted(view, painted, null, start);
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, BulkStore.keys(view.tree()), "every key arrived");

            probe.phase("filtering");
            painted.forget();
            view.filterBox().setText("d399/k12");
            Ui.waitUntil("a match is painted", Workbench.UI_TIMEOUT,
                    () -> "value 399.125".equals(painted.text("bulk/d399/k125", 1)));
            assertEquals(10, view.tree().visibleChildren(view.tree().find("bulk/d399")).size(),
                    "k120 to k129 match");
            assertEquals(1, view.tree().visibleChildren(view.tree().find("bulk")).size(), "one directory shown");
            Ui.settle(Duration.ofMillis(300));
            probe.phase("clearing the filter");
            view.filterBox().setText("");
            Ui.waitUntil("the filter is cleared", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() == view.tree().size());
            Ui.settle(Duration.ofMillis(500));

            System.out.printf("pvscope measurement: ui, %d keys (load average %s at the start, %s at the end):"
                    + " Connect command to all keys painted %d ms; longest UI-thread stall while loading %d ms,"
                    + " filtering %d ms, clearing the filter %d ms (a plain thread's beat meanwhile: %d, %d, %d ms)%n",
                    view.tree().size(), load, LoadAverage.now(), loaded, probe.longestMillis("loading"),
                    probe.longestMillis("filtering"), probe.longestMillis("clearing the filter"),
                    probe.longestControlMillis("loading"), probe.longestControlMillis("filtering"),
                    probe.longestControlMillis("clearing the filter"));
            System.out.print("pvscope measurement: ui, 100k keys, where the UI thread was in the longest stalls:"
                    + System.lineSeparator() + probe.report(3));
        }
    }
}
