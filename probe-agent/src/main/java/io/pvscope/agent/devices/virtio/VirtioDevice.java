package io.pvscope.agent.devices.virtio;

import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.devices.DeviceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One virtio device as Linux shows it under {@code /sys/bus/virtio/devices/virtioN}, decoded.
 *
 * @param name     the kernel's name (virtio0)
 * @param deviceId the device ID (1 = network device...)
 * @param vendor   the vendor ID the transport reports (0x1af4 for QEMU's PCI devices)
 * @param status   the device status byte, or empty when it could not be read
 * @param features the negotiated feature bits, or empty when they could not be read
 * @param driver   the bound Linux driver, or empty when none is bound
 */
public record VirtioDevice(String name, int deviceId, int vendor, Optional<Integer> status,
                           Optional<List<VirtioFeatures.Bit>> features, Optional<String> driver)
        implements DecodedDevice {

    public VirtioDevice {
        features = features.map(List::copyOf);
    }

    public String typeName() {
        return VirtioTypes.name(deviceId);
    }

    /**
     * What a driver developer should look at: a device whose driver never reached DRIVER_OK, one that asks
     * to be reset, one the driver gave up on, and a modern device bound without VERSION_1.
     */
    @Override
    public List<DeviceProblem> problems() {
        List<DeviceProblem> problems = new ArrayList<>();
        if (status.isEmpty()) {
            return problems;
        }
        int value = status.get();
        if ((value & VirtioStatus.FAILED) != 0) {
            problems.add(new DeviceProblem("failed", "the driver set FAILED: it gave up on the device"));
        }
        if ((value & VirtioStatus.DEVICE_NEEDS_RESET) != 0) {
            problems.add(new DeviceProblem("needs-reset",
                    "the device set DEVICE_NEEDS_RESET: it hit an error it cannot recover from without a reset"));
        }
        if (driver.isPresent() && (value & VirtioStatus.DRIVER_OK) == 0) {
            problems.add(new DeviceProblem("not-driver-ok", "driver " + driver.get()
                    + " is bound but the status never reached DRIVER_OK (status " + String.format("0x%02x", value)
                    + ": " + String.join(", ", VirtioStatus.names(value)) + ")"));
        }
        if (driver.isPresent() && (value & VirtioStatus.DRIVER_OK) != 0 && (value & VirtioStatus.FEATURES_OK) == 0
                && features.isPresent() && features.get().stream().anyMatch(bit -> bit.bit() == 32)) {
            problems.add(new DeviceProblem("features-not-ok",
                    "VERSION_1 is negotiated but FEATURES_OK is not set: a modern device needs it before DRIVER_OK"));
        }
        return problems;
    }
}
