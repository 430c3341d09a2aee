package io.pvscope.agent;

/** What the tests pass to every JVM they start and may kill. */
public final class ChildJvm {

    /**
     * Keeps a child JVM out of /tmp/hsperfdata_USER: one killed with SIGKILL cannot remove its file there, and
     * one run as nobody leaves a directory behind. No test reads a child's counters (jps, jstat).
     */
    public static final String NO_PERF_DATA = "-XX:-UsePerfData";

    private ChildJvm() {
    }
}
