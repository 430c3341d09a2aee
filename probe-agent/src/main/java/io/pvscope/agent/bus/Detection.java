package io.pvscope.agent.bus;

import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.LinuxDetector;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.openbsd.OpenBsdDetector;
import io.pvscope.agent.tree.GuestSnapshot;
import io.pvscope.agent.tree.LinuxDeviceTree;
import java.time.Clock;

/**
 * Detection for one root: chooses how to detect (the running Linux or OpenBSD system, a captured Linux or
 * OpenBSD guest) and keeps the latest report, so the agent answers from it unless asked to look again.
 */
public final class Detection {

    private final SystemRoot root;
    private final Clock clock;
    /** Read without the lock: every call reads it, and only a detection in progress should wait. */
    private volatile GuestSnapshot latest;

    public Detection(SystemRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public SystemRoot root() {
        return root;
    }

    /** The latest result, detecting first if there is none. */
    public GuestSnapshot current() {
        GuestSnapshot known = latest;
        return known != null ? known : first();
    }

    /** Whether a detection has completed, so that {@link #current} answers without detecting. */
    public boolean hasDetected() {
        return latest != null;
    }

    private synchronized GuestSnapshot first() {
        return latest != null ? latest : refresh();
    }

    public synchronized GuestSnapshot refresh() {
        if (OpenBsdDetector.isRunningOpenBsd(root)) {
            latest = OpenBsdDetector.live(root, clock).detect();
        } else if (OpenBsdDetector.isCapture(root)) {
            latest = OpenBsdDetector.replay(root, clock).detect();
        } else {
            DetectionReport report = new LinuxDetector(root, clock).detect();
            latest = new GuestSnapshot(report, new LinuxDeviceTree(root).build(report));
        }
        return latest;
    }
}
