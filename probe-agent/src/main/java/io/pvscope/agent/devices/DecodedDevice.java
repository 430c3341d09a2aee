package io.pvscope.agent.devices;

import java.util.List;

/** A device whose protocol state was decoded: virtio, VMBus or a XenBus pair. */
public interface DecodedDevice {

    /** What looks wrong with it; empty when nothing does. */
    List<DeviceProblem> problems();
}
