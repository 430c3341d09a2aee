package io.pvscope.agent.detect;

import java.util.List;

/** Whether the agent runs inside a container, and the markers that say so. */
public record ContainerInfo(boolean detected, String kind, List<Evidence> evidence) {

    public ContainerInfo {
        evidence = List.copyOf(evidence);
    }
}
