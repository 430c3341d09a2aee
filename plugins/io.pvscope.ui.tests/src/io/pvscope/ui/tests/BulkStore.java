package io.pvscope.ui.tests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.tests.agent.SimStoreFile;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** A large simulated store (bulk/dNNN/kNNN under a few ordinary keys) and how tests see it arrive. */
final class BulkStore {

    private BulkStore() {
    }

    /** Writes the store file into {@code folder}: {@code directories} × {@code keysPerDirectory} keys under bulk/. */
    static Path write(Path folder, int directories, int keysPerDirectory) throws Exception {
        SimStoreFile seed = new SimStoreFile();
        entries(directories, keysPerDirectory).forEach(seed::put);
        return seed.writeTo(folder.resolve("sim.json"));
    }

    /** The store's keys and values, in the order they are written. */
    static Map<String, String> entries(int directories, int keysPerDirectory) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("name", "large-demo");
        entries.put("data/updated", "");
        for (int directory = 0; directory < directories; directory++) {
            for (int key = 0; key < keysPerDirectory; key++) {
                entries.put(String.format("bulk/d%03d/k%03d", directory, key), "value " + directory + "." + key);
            }
        }
        return entries;
    }

    /**
     * Waits until the view shows a complete snapshot other than {@code before} and its bulk/ row was painted;
     * returns the milliseconds from {@code start} to that paint.
     */
    static long waitUntilPainted(KeyValueView view, PaintedRows painted, KeyTree before, long start) {
        Ui.waitUntil("the complete store is painted", Workbench.UI_TIMEOUT,
                () -> view.tree() != null && view.tree() != before && view.tree().isLive()
                        && "bulk".equals(painted.text("bulk", 0)));
        return TimeUnit.NANOSECONDS.toMillis(painted.paintedAt("bulk", 0, "bulk") - start);
    }

    /** The keys under bulk/ in {@code tree}. */
    static int keys(KeyTree tree) {
        return tree.find("bulk").children().stream().mapToInt(directory -> directory.children().size()).sum();
    }
}
