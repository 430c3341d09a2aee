package io.pvscope.agent.openbsd;

import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.virtio.VirtioDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virtio devices of an OpenBSD guest, from its boot messages: each {@code virtioN} and the driver that
 * attached to it ({@code vio0 at virtio0}), which says the device type. OpenBSD does not show a device's
 * status byte, and prints the negotiated feature bits only in kernels built with VIRTIO_DEBUG, so those stay
 * unknown here.
 */
public final class OpenBsdVirtioDevices {

    /** OpenBSD's virtio drivers and the device type each drives (virtio specification IDs). */
    private static final Map<String, Integer> DRIVER_TYPES = Map.of(
            "vio", 1, "vioblk", 2, "viocon", 3, "viornd", 4, "viomb", 5, "vioscsi", 8, "viogpu", 16,
            "vioinput", 18);

    private final SystemRoot root;

    public OpenBsdVirtioDevices(SystemRoot root) {
        this.root = root;
    }

    /** The devices in attach order; empty where there is no OpenBSD boot message file. */
    public List<VirtioDevice> read() {
        Optional<String> text = root.read(OpenBsdDmesg.PATH).text();
        if (text.isEmpty()) {
            return List.of();
        }
        OpenBsdDmesg dmesg = OpenBsdDmesg.parse(text.get());
        List<VirtioDevice> devices = new ArrayList<>();
        for (AttachLine transport : dmesg.attachedBy("virtio")) {
            Optional<AttachLine> child = dmesg.childrenOf(transport.device()).stream().findFirst();
            int type = child.map(line -> DRIVER_TYPES.getOrDefault(line.driver(), 0)).orElse(0);
            devices.add(new VirtioDevice(transport.device(), type, -1, Optional.empty(), Optional.empty(),
                    child.map(AttachLine::driver)));
        }
        return devices;
    }
}
