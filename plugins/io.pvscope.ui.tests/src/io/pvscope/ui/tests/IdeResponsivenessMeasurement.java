package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * The Key/Value view with a 50 000-key store of the real agent, measured for {@code ./pvscope-bench} against
 * {@link MemoryTreeBaseline} in the same workbench: rounds alternate the two sides, the order swapped every
 * round, after untimed warm-up rounds. Per round and side: the milliseconds from Connect (the baseline: from
 * handing over rows already built in memory) until the bulk/ row is painted, the same for a refresh, and the
 * longest UI-thread stall ({@link UiStallProbe}) while loading, while refreshing and while filtering (typing
 * a filter, then clearing it). Writes them, one per line, to the file named by {@value #FIGURES}, with where
 * the UI thread was in the longest stalls; asserts only that each side showed all the keys. Its name keeps it
 * out of the test run; the build's {@code bench} profile passes the file and the number of rounds.
 */
class IdeResponsivenessMeasurement {

    static final String FIGURES = "pvscope.bench.figures";

    private static final int DIRECTORIES = 200;
    private static final int KEYS_PER_DIRECTORY = 250;
    private static final String FILTER = "k123";
    /** Each step's phase goes on this long after its rows are painted, so work that follows is counted. */
    private static final Duration AFTERMATH = Duration.ofMillis(300);
    /** The probe's phase outside the measured steps. */
    private static final String BETWEEN = "between sides";

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private UiStallProbe probe;
    /** The keys each side must show. */
    private int keys;

    @Test
    void measure() throws Exception {
        String figures = System.getProperty(FIGURES, "");
        Assumptions.assumeFalse(figures.isBlank(), "measured only when " + FIGURES + " names where the figures go");
        int rounds = Integer.getInteger("pvscope.bench.rounds", 4);
        int warmups = Integer.getInteger("pvscope.bench.warmups", 1);
        Map<String, String> entries = BulkStore.entries(DIRECTORIES, KEYS_PER_DIRECTORY);
        keys = entries.size();
        // The baseline's rows, built once before any round: its refresh hands over the second snapshot.
        MemoryTreeBaseline.Node rows = MemoryTreeBaseline.rows(entries);
        MemoryTreeBaseline.Node again = MemoryTreeBaseline.rows(entries);
        lines.add("# load average at the start: " + LoadAverage.now());
        try (AgentProcess agent = AgentProcess.start(BulkStore.write(dir, DIRECTORIES, KEYS_PER_DIRECTORY), 0);
                UiStallProbe started = UiStallProbe.start(Display.getCurrent())) {
            probe = started;
            IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
            for (int round = -warmups; round < rounds; round++) {
                if (Math.floorMod(round, 2) == 0) {
                    measureView(page, agent, round);
                    measureBaseline(page, rows, again, round);
                } else {
                    measureBaseline(page, rows, again, round);
                    measureView(page, agent, round);
                }
            }
            lines.add("# the longest UI-thread stalls measured (warm-up rounds too), and where the UI thread was:");
            probe.report(4, phase -> !phase.equals(BETWEEN) && !phase.equals("start"))
                    .lines().forEach(line -> lines.add("# " + line));
        }
        lines.add("# load average at the end: " + LoadAverage.now());
        lines.add("# " + UiStallProbe.collectors());
        Files.write(Path.of(figures), lines);
    }

    private void measureView(IWorkbenchPage page, AgentProcess agent, int round) throws Exception {
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        collectGarbage();
        Target target = null;
        try (PaintedRows painted = PaintedRows.watch(view.viewer().getTree())) {
            String load = phase("pvscope", "load", round);
            long start = System.nanoTime();
            target = Workbench.addAndConnect(page, agent.target());
            BulkStore.waitUntilPainted(view, painted, null, start);
            long loaded = painted.paintedAt("bulk", 0, "bulk") - start;
            Ui.settle(AFTERMATH);
            assertEquals(DIRECTORIES * KEYS_PER_DIRECTORY, BulkStore.keys(view.tree()), "the view shows every key");

            String refresh = phase("pvscope", "refresh", round);
            KeyTree before = view.tree();
            painted.forget();
            start = System.nanoTime();
            view.refresh();
            BulkStore.waitUntilPainted(view, painted, before, start);
            long refreshed = painted.paintedAt("bulk", 0, "bulk") - start;
            Ui.settle(AFTERMATH);

            String filter = phase("pvscope", "filter", round);
            painted.forget();
            view.filterBox().setText(FILTER);
            Ui.waitUntil("the filtered rows are painted", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() < 1000 && "bulk".equals(painted.text("bulk", 0)));
            Ui.settle(AFTERMATH);
            view.filterBox().setText("");
            Ui.waitUntil("the filter is cleared", Workbench.UI_TIMEOUT,
                    () -> view.tree().visibleCount() == view.tree().size());
            Ui.settle(AFTERMATH);
            probe.phase(BETWEEN);
            record("pvscope", round, loaded, load, refreshed, refresh, filter);
        } finally {
            if (target != null) {
                PvScopeCore.targets().remove(target);
            }
            page.hideView(view);
            Ui.settle(AFTERMATH);
        }
    }

    private void measureBaseline(IWorkbenchPage page, MemoryTreeBaseline.Node rows, MemoryTreeBaseline.Node again,
            int round) throws Exception {
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        collectGarbage();
        try (MemoryTreeBaseline baseline = MemoryTreeBaseline.over(view.viewer().getTree())) {
            Ui.settle(AFTERMATH);
            String load = phase("baseline", "load", round);
            long start = System.nanoTime();
            baseline.show(rows);
            long loaded = waitUntilPainted(baseline, start);
            Ui.settle(AFTERMATH);
            assertEquals(keys, baseline.keys(), "the baseline shows every key");

            String refresh = phase("baseline", "refresh", round);
            start = System.nanoTime();
            baseline.show(again);
            long refreshed = waitUntilPainted(baseline, start);
            Ui.settle(AFTERMATH);

            String filter = phase("baseline", "filter", round);
            baseline.filter(FILTER);
            waitUntilPainted(baseline, System.nanoTime());
            Ui.settle(AFTERMATH);
            baseline.clearFilter();
            waitUntilPainted(baseline, System.nanoTime());
            Ui.settle(AFTERMATH);
            probe.phase(BETWEEN);
            record("baseline", round, loaded, load, refreshed, refresh, filter);
        } finally {
            page.hideView(view);
            Ui.settle(AFTERMATH);
        }
    }

    /** Each side starts on a collected heap, so neither pays for the other's garbage. */
    private static void collectGarbage() {
        System.gc();
        Ui.settle(AFTERMATH);
    }

    /** Nanoseconds from {@code start} until the baseline's bulk/ row was painted. */
    private static long waitUntilPainted(MemoryTreeBaseline baseline, long start) {
        Ui.waitUntil("the baseline's bulk/ row is painted", Workbench.UI_TIMEOUT, () -> baseline.bulkPaintedAt() != 0);
        return baseline.bulkPaintedAt() - start;
    }

    private String phase(String side, String step, int round) {
        String name = side + " " + step + " " + round;
        probe.phase(name);
        return name;
    }

    /**
     * One line per figure: side, what, round, milliseconds (times to the microsecond, stalls to the millisecond
     * the probe has); warm-up rounds (below 0) are left out. Beside each stall, the longest gap of a plain
     * thread's beat meanwhile ({@code -control}): near the stall, every thread of the workbench stalled (a
     * collector's pause, a starved CPU), not the UI thread alone.
     */
    private void record(String side, int round, long loadedNanos, String load, long refreshedNanos, String refresh,
            String filter) {
        if (round < 0) {
            return;
        }
        figure(side, "load", round, loadedNanos / 1e6);
        figure(side, "refresh", round, refreshedNanos / 1e6);
        stall(side, "load", round, load);
        stall(side, "refresh", round, refresh);
        stall(side, "filter", round, filter);
    }

    private void stall(String side, String step, int round, String phase) {
        figure(side, step + "-stall", round, probe.longestMillis(phase));
        figure(side, step + "-stall-control", round, probe.longestControlMillis(phase));
    }

    private void figure(String side, String what, int round, double millis) {
        lines.add(String.join("\t", side, what, Integer.toString(round), String.format(Locale.ROOT, "%.3f", millis)));
    }
}
