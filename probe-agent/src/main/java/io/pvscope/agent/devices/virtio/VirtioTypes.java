package io.pvscope.agent.devices.virtio;

import java.util.Map;

/**
 * Virtio device IDs and their names, as the virtio specification's "Device Types" table gives them (1.2 and
 * later; newer names where a later revision renamed a type). The ID is what Linux prints in
 * {@code /sys/bus/virtio/devices/virtioN/device}.
 */
public final class VirtioTypes {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "network device"),
            Map.entry(2, "block device"),
            Map.entry(3, "console"),
            Map.entry(4, "entropy source"),
            Map.entry(5, "memory balloon (traditional)"),
            Map.entry(6, "ioMemory"),
            Map.entry(7, "rpmsg"),
            Map.entry(8, "SCSI host"),
            Map.entry(9, "9P transport"),
            Map.entry(10, "mac80211 wlan"),
            Map.entry(11, "rproc serial"),
            Map.entry(12, "virtio CAIF"),
            Map.entry(13, "memory balloon"),
            Map.entry(16, "GPU device"),
            Map.entry(17, "RTC (real time clock) device"),
            Map.entry(18, "input device"),
            Map.entry(19, "socket device (vsock)"),
            Map.entry(20, "crypto device"),
            Map.entry(21, "signal distribution module"),
            Map.entry(22, "pstore device"),
            Map.entry(23, "IOMMU device"),
            Map.entry(24, "memory device"),
            Map.entry(25, "sound device"),
            Map.entry(26, "file system device"),
            Map.entry(27, "PMEM device"),
            Map.entry(28, "RPMB device"),
            Map.entry(29, "mac80211 hwsim wireless simulation device"),
            Map.entry(30, "video encoder device"),
            Map.entry(31, "video decoder device"),
            Map.entry(32, "SCMI device"),
            Map.entry(33, "NitroSecureModule"),
            Map.entry(34, "I2C adapter"),
            Map.entry(35, "watchdog"),
            Map.entry(36, "CAN device"),
            Map.entry(38, "parameter server"),
            Map.entry(39, "audio policy device"),
            Map.entry(40, "Bluetooth device"),
            Map.entry(41, "GPIO device"),
            Map.entry(42, "RDMA device"),
            Map.entry(43, "camera device"),
            Map.entry(44, "ISM device"),
            Map.entry(45, "SPI controller"),
            Map.entry(46, "TEE device"),
            Map.entry(47, "CPU balloon device"),
            Map.entry(48, "media device"),
            Map.entry(49, "USB controller"));

    private VirtioTypes() {
    }

    /** The type's name, or "device type N" for an ID the specification does not name. */
    public static String name(int deviceId) {
        String name = NAMES.get(deviceId);
        return name != null ? name : "device type " + deviceId;
    }

    /** Whether the specification names this ID. */
    public static boolean known(int deviceId) {
        return NAMES.containsKey(deviceId);
    }
}
