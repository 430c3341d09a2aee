package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.Target;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.SlowLink;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * The real agent behind a link that holds every chunk for 300 ms: the view keeps responding, the loading
 * Job shows its progress and can be cancelled, the keys arrive in the end, and a link that dies in the
 * middle of a load ends it with an error on the view and in the status line.
 */
class SlowLinkViewTest {

    @TempDir
    Path dir;

    private static final Duration DELAY = Duration.ofMillis(300);
    private static final int DIRECTORIES = 100;
    private static final int KEYS_PER_DIRECTORY = 200;
    private static final Pattern LOADING = Pattern.compile("loading… (\\d+) keys");

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void slowLinkLoadCanBeCancelledCompletesAndFailsCleanly() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start(
                BulkStore.write(dir, DIRECTORIES, KEYS_PER_DIRECTORY), 0));
        SlowLink link = teardown.close(SlowLink.to(agent.target(), DELAY));
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        String load = LoadAverage.now();
        try (UiStallProbe probe = UiStallProbe.start(Display.getCurrent());
                PaintedRows painted = PaintedRows.watch(view.viewer().getTree())) {
            probe.phase("connecting");
            Target target = teardown.remove(Workbench.addAndConnect(page, link.target()));

            probe.phase("loading, then cancelling");
            Job loading = waitForLoadingJob();
            int early = waitForProgressAbove(view, 0);
            int later = waitForProgressAbove(view, early);
            assertTrue(later > early, "the count of keys received grows");
            assertEquals(Job.RUNNING, loading.getState(), "the loading Job runs while keys arrive");
            loading.cancel();
            Ui.waitUntil("the view says the load was cancelled", Workbench.UI_TIMEOUT,
                    () -> view.getContentDescription().contains("loading cancelled"));
            Ui.waitUntil("the Job is over", Workbench.UI_TIMEOUT, () -> loading.getState() == Job.NONE);
            assertNull(view.tree(), "nothing half-loaded is shown");

            probe.phase("loading to the end");
            // Rows painted before the cancel must not count as painted by this load.
            painted.forget();
            long start = System.nanoTime();
            view.refresh();
            long loaded = BulkStore.waitUntilPainted(view, painted, null, start);
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, BulkStore.keys(view.tree()), "every key arrived");

            probe.phase("link dies while loading");
            Workbench.activate(page, view);
            view.refresh();
            Job again = waitForLoadingJob();
            waitForProgressAbove(view, 0);
            link.close();
            Ui.waitUntil("the status line reports the failed load", Workbench.UI_TIMEOUT,
                    () -> shows(page.getWorkbenchWindow().getShell(), "Loading the keys of slow agent"));
            Ui.waitUntil("the Job is over", Workbench.UI_TIMEOUT, () -> again.getState() == Job.NONE);
            String described = view.getContentDescription();
            assertTrue(!described.contains("loading…"), "the view no longer says it is loading: " + described);
            Ui.settle(Duration.ofMillis(500));

            System.out.printf("pvscope measurement: ui, slow link (%d ms per chunk, load average %s at the start,"
                    + " %s at the end): %d keys loaded in %d ms; longest UI-thread stall while connecting %d ms,"
                    + " loading then cancelling %d ms, loading to the end %d ms, link dying %d ms; view then said"
                    + " \"%s\"%n", DELAY.toMillis(), load, LoadAverage.now(), view.tree().size(), loaded,
                    probe.longestMillis("connecting"), probe.longestMillis("loading, then cancelling"),
                    probe.longestMillis("loading to the end"), probe.longestMillis("link dies while loading"),
                    described);
        }
    }

    private static Job waitForLoadingJob() {
        Job[] found = new Job[1];
        Ui.waitUntil("a loading Job runs", Workbench.UI_TIMEOUT, () -> {
            found[0] = Arrays.stream(Job.getJobManager().find(PvScopeUi.BUNDLE_ID))
                    .filter(job -> job.getName().startsWith("Loading the keys") && job.getState() == Job.RUNNING)
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** Waits until the view says it has received more than {@code count} keys; returns how many. */
    private static int waitForProgressAbove(KeyValueView view, int count) {
        int[] seen = new int[1];
        Ui.waitUntil("more than " + count + " keys are received", Workbench.UI_TIMEOUT, () -> {
            Matcher loading = LOADING.matcher(view.getContentDescription());
            seen[0] = loading.find() ? Integer.parseInt(loading.group(1)) : -1;
            return seen[0] > count;
        });
        return seen[0];
    }

    /** True when a label under {@code root} (the status line's among them) shows text containing {@code part}. */
    private static boolean shows(Control root, String part) {
        if (root instanceof CLabel label && label.getText() != null && label.getText().contains(part)) {
            return true;
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                if (shows(child, part)) {
                    return true;
                }
            }
        }
        return false;
    }
}
