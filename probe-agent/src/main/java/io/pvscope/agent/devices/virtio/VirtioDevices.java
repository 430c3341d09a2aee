package io.pvscope.agent.devices.virtio;

import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.SysfsDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the virtio devices Linux lists in {@code /sys/bus/virtio/devices}: ID, vendor, status byte,
 * negotiated features and bound driver (drivers/virtio/virtio.c prints them). A file that cannot be read
 * leaves its field empty rather than dropping the device.
 */
public final class VirtioDevices {

    private static final String DEVICES = "/sys/bus/virtio/devices";

    private final SystemRoot root;
    private final SysfsDevices sysfs;

    public VirtioDevices(SystemRoot root) {
        this.root = root;
        this.sysfs = new SysfsDevices(root);
    }

    /** The devices, virtio2 before virtio10. */
    public List<VirtioDevice> read() {
        List<VirtioDevice> devices = new ArrayList<>();
        for (String name : sysfs.devices("virtio")) {
            read(name).ifPresent(devices::add);
        }
        return devices;
    }

    /** One device by its kernel name; empty when its ID cannot be read (not a virtio device). */
    public Optional<VirtioDevice> read(String name) {
        String dir = DEVICES + "/" + name;
        Optional<Integer> id = number(dir + "/device");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<VirtioFeatures.Bit>> features;
        try {
            features = root.read(dir + "/features").firstLine().map(text -> VirtioFeatures.decode(id.get(), text));
        } catch (IllegalArgumentException e) {
            features = Optional.empty();
        }
        return Optional.of(new VirtioDevice(name, id.get(), number(dir + "/vendor").orElse(-1),
                number(dir + "/status"), features, sysfs.driver("virtio", name)));
    }

    private Optional<Integer> number(String path) {
        return root.read(path).firstLine().flatMap(text -> {
            try {
                return Optional.of((int) Long.decode(text.strip()).longValue());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
