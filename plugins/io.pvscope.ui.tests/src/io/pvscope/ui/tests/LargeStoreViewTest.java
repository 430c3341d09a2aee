package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.SimStoreFile;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * A 50 000-key store in the Key/Value view. Prints the time from the Connect command to every key loaded
 * and shown, and the longest gap of a 10 ms heartbeat on the UI thread meanwhile; asserts only that all
 * keys arrived.
 */
class LargeStoreViewTest {

    private AgentProcess agent;
    private Target target;

    @AfterEach
    void stop() throws Exception {
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void fiftyThousandKeysLoadWithoutStallingTheUiThread() throws Exception {
        SimStoreFile seed = new SimStoreFile().put("name", "large-demo").put("data/updated", "");
        for (int directory = 0; directory < 200; directory++) {
            for (int key = 0; key < 250; key++) {
                seed.put(String.format("bulk/d%03d/k%03d", directory, key), "value " + directory + "." + key);
            }
        }
        Path file = seed.writeTo(Files.createTempDirectory("pvscope-large").resolve("sim.json"));
        agent = AgentProcess.start(file, 0);
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        KeyValueView view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Heartbeat heartbeat = Heartbeat.start(Display.getCurrent());

        long start = System.nanoTime();
        target = Workbench.addAndConnect(page, agent.target());
        Ui.waitUntil("all keys are shown", Workbench.UI_TIMEOUT, () -> view.tree() != null && view.tree().isLive());
        long loaded = System.nanoTime() - start;
        long loadStall = heartbeat.longestGapMillis();

        view.filterBox().setText("k123");
        Ui.waitUntil("the filter applies", Workbench.UI_TIMEOUT, () -> view.tree().visibleCount() < 1000);
        Ui.settle(java.time.Duration.ofMillis(500));
        heartbeat.stop();

        assertEquals(200 * 250, view.tree().find("bulk").children().stream()
                .mapToInt(directory -> directory.children().size()).sum());
        System.out.printf("pvscope measurement: ui, %d keys: Connect command to all keys shown %d ms; longest"
                + " UI-thread stall while loading %d ms, including filtering %d ms%n", view.tree().size(),
                TimeUnit.NANOSECONDS.toMillis(loaded), loadStall, heartbeat.longestGapMillis());
        view.filterBox().setText("");
    }

    /** A timer every 10 ms on the UI thread, remembering the longest time between two beats. */
    static final class Heartbeat implements Runnable {
        private final Display display;
        private long last;
        private long longest;
        private boolean running = true;

        private Heartbeat(Display display) {
            this.display = display;
        }

        static Heartbeat start(Display display) {
            Heartbeat heartbeat = new Heartbeat(display);
            heartbeat.last = System.nanoTime();
            display.timerExec(10, heartbeat);
            return heartbeat;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            longest = Math.max(longest, now - last);
            last = now;
            if (running) {
                display.timerExec(10, this);
            }
        }

        long longestGapMillis() {
            return TimeUnit.NANOSECONDS.toMillis(longest);
        }

        void stop() {
            running = false;
        }
    }
}
