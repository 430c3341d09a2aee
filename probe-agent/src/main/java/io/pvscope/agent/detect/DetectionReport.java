package io.pvscope.agent.detect;

import java.time.Instant;
import java.util.List;

/** Everything one detection run found. */
public record DetectionReport(List<DetectedUnit> units, Platform platform, GuestRole role, ContainerInfo container,
                              ConfidentialGuest confidential, List<Evidence> evidence, Instant detected) {

    public DetectionReport {
        units = List.copyOf(units);
        evidence = List.copyOf(evidence);
    }
}
