package io.pvscope.agent.devices.xenbus;

import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.devices.DeviceProblem;
import java.util.List;

/**
 * A XenBus device as the agent reports it: the pair, the states it went through while watched, and what
 * looks wrong.
 *
 * @param unit the unit whose store holds it
 */
public record XenbusDeviceState(int unit, XenbusDevice device, List<XenbusTimeline.Entry> timeline,
                                List<DeviceProblem> problems) implements DecodedDevice {

    public XenbusDeviceState {
        timeline = List.copyOf(timeline);
        problems = List.copyOf(problems);
    }
}
