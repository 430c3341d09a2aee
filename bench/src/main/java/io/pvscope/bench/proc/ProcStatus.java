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

    /**
     * CPU time the process has used so far (user + system, /proc/PID/stat fields 14 and 15), in milliseconds;
     * -1 when it cannot be read. Clock ticks are taken as 100 per second, Linux's USER_HZ on every arch.
     */
    public static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
