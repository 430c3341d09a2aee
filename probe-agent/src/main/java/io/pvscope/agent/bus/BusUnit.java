package io.pvscope.agent.bus;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.kv.KvStore;
import java.util.Optional;

/** A unit of the agent's bus: a detected hypervisor interface or one added for a configured store. */
public record BusUnit(DetectedUnit unit, Optional<KvStore> store) {

    public int number() {
        return unit.unit();
    }

    /** The name PVBUSIOC_TYPE would report. */
    public String type() {
        return unit.name();
    }
}
