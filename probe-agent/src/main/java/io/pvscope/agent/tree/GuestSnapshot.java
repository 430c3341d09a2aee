package io.pvscope.agent.tree;

import io.pvscope.agent.detect.DetectionReport;

/** One detection's units and the device tree built from them. */
public record GuestSnapshot(DetectionReport report, DeviceNode tree) {
}
