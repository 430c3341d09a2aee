package io.pvscope.agent.server.connections;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's soft limit on open descriptors (RLIMIT_NOFILE). Linux states it in /proc/self/limits; the
 * platform's management bean knows it everywhere, but loading it costs every agent some seventy classes and,
 * on Linux, a survey of the container's cgroups, so it is asked only where that file is missing.
 */
final class DescriptorLimit {

    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final String ROW = "Max open files";

    private DescriptorLimit() {
    }

    /** The soft limit, or empty where it is unlimited or nothing can tell. */
    static OptionalLong soft() {
        try {
            return parse(Files.readAllLines(LIMITS));
        } catch (IOException | RuntimeException e) {
            return fromManagement();
        }
    }

    /** The soft limit from the lines of a limits file: "Max open files  SOFT  HARD  files". */
    static OptionalLong parse(List<String> lines) throws IOException {
        for (String line : lines) {
            if (line.startsWith(ROW)) {
                String soft = line.substring(ROW.length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
            }
        }
        throw new IOException(LIMITS + " has no '" + ROW + "' row");
    }

    private static OptionalLong fromManagement() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
