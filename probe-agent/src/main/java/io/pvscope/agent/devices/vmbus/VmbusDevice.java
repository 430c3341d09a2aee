package io.pvscope.agent.devices.vmbus;

import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.devices.DeviceProblem;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One VMBus device as Linux shows it under {@code /sys/bus/vmbus/devices/<instance>}.
 *
 * @param instance the device's instance GUID (the directory's name)
 * @param classId  its class GUID, as printed ({...})
 * @param state    the primary channel's state (0 offered, 1 opening, 2 open, 3 opened), if shown
 * @param monitorId its monitor id, for devices with one
 * @param driver   the bound Linux driver, if any
 * @param channels its channels, primary first
 */
public record VmbusDevice(String instance, String classId, OptionalLong state, OptionalLong monitorId,
                          Optional<String> driver, List<VmbusChannel> channels)
        implements DecodedDevice {

    private static final String[] STATES = {"offered", "opening", "open", "opened"};

    public VmbusDevice {
        channels = List.copyOf(channels);
    }

    /** Nothing is judged from VMBus state yet: ring levels move too fast for one reading to mean much. */
    @Override
    public List<DeviceProblem> problems() {
        return List.of();
    }

    public String className() {
        return VmbusClasses.name(classId);
    }

    /** The channel state by name (enum vmbus_channel_state), or the number. */
    public Optional<String> stateName() {
        if (state.isEmpty()) {
            return Optional.empty();
        }
        long value = state.getAsLong();
        return Optional.of(value >= 0 && value < STATES.length ? STATES[(int) value] : String.valueOf(value));
    }
}
