package io.pvscope.agent.detect;

import java.time.Clock;

/** Runs detection for one root and keeps the latest report; detection is cheap but not free. */
public final class Detection {

    private final SystemRoot root;
    private final Clock clock;
    private DetectionReport latest;

    public Detection(SystemRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public SystemRoot root() {
        return root;
    }

    /** The latest report, detecting first if there is none. */
    public synchronized DetectionReport current() {
        return latest != null ? latest : refresh();
    }

    public synchronized DetectionReport refresh() {
        latest = new LinuxDetector(root, clock).detect();
        return latest;
    }
}
