package io.pvscope.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of a process as the kernel accounts it (/proc/PID/status), in KiB. */
public final class ProcStatus {

    private ProcStatus() {
    }

    /** Resident set size now. */
    public static long rssKib(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Peak resident set size since the process started. */
    public static long peakRssKib(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
