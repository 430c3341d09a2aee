package io.pvscope.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load when a measurement was taken, to print beside it: timings on a busy machine vary. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages and the number of processors, e.g. "3.10 2.05 1.20 on 2 cpus". */
    static String now() {
        String cpus = " on " + Runtime.getRuntime().availableProcessors() + " cpus";
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + cpus;
        } catch (IOException | RuntimeException e) {
            return "unknown" + cpus;
        }
    }
}
