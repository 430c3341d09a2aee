package io.pvscope.agent.devices.vmbus;

import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.SysfsDevices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the VMBus devices Linux lists in {@code /sys/bus/vmbus/devices} and their channels, as the kernel's
 * sysfs-bus-vmbus ABI describes them.
 */
public final class VmbusDevices {

    private final SystemRoot root;
    private final SysfsDevices sysfs;

    public VmbusDevices(SystemRoot root) {
        this.root = root;
        this.sysfs = new SysfsDevices(root);
    }

    public List<VmbusDevice> read() {
        List<VmbusDevice> devices = new ArrayList<>();
        if (!sysfs.busExists("vmbus")) {
            return devices;
        }
        for (String instance : sysfs.devices("vmbus")) {
            String dir = SysfsDevices.devicePath("vmbus", instance);
            List<VmbusChannel> channels = new ArrayList<>();
            for (String relid : root.list(dir + "/channels")) {
                if (relid.matches("\\d+")) {
                    channels.add(channel(dir + "/channels/" + relid, Integer.parseInt(relid)));
                }
            }
            channels.sort(Comparator.comparingLong((VmbusChannel c) -> c.subchannel().orElse(Long.MAX_VALUE))
                    .thenComparingInt(VmbusChannel::relid));
            devices.add(new VmbusDevice(instance, sysfs.attribute("vmbus", instance, "class_id").orElse(""),
                    number(dir + "/state"), number(dir + "/monitor_id"), sysfs.driver("vmbus", instance), channels));
        }
        return devices;
    }

    private VmbusChannel channel(String dir, int relid) {
        return new VmbusChannel(relid, number(dir + "/subchannel_id"), number(dir + "/cpu"),
                number(dir + "/read_avail"), number(dir + "/write_avail"), number(dir + "/in_mask"),
                number(dir + "/out_mask"), number(dir + "/interrupts"), number(dir + "/events"),
                number(dir + "/pending"));
    }

    private OptionalLong number(String path) {
        return root.read(path).firstLine().map(text -> {
            try {
                return OptionalLong.of(Long.decode(text.strip()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }
}
