package io.pvscope.agent.devices.virtio;

import java.util.ArrayList;
import java.util.List;

/**
 * The device status byte (virtio specification, "Device Status Field"), as Linux prints it in
 * {@code /sys/bus/virtio/devices/virtioN/status}: which steps of initialisation the driver has done, and
 * whether the device or the driver gave up.
 */
public final class VirtioStatus {

    public static final int ACKNOWLEDGE = 1;
    public static final int DRIVER = 2;
    public static final int DRIVER_OK = 4;
    public static final int FEATURES_OK = 8;
    /** Only with VIRTIO_F_SUSPEND (specification 1.4). */
    public static final int SUSPEND = 16;
    public static final int DEVICE_NEEDS_RESET = 64;
    public static final int FAILED = 128;

    private static final int[] BITS = {ACKNOWLEDGE, DRIVER, FEATURES_OK, DRIVER_OK, SUSPEND, DEVICE_NEEDS_RESET, FAILED};
    private static final String[] NAMES = {"ACKNOWLEDGE", "DRIVER", "FEATURES_OK", "DRIVER_OK", "SUSPEND",
        "DEVICE_NEEDS_RESET", "FAILED"};

    private VirtioStatus() {
    }

    /** The names of the bits set, in the order a driver sets them; bits without a name as "bit N". */
    public static List<String> names(int status) {
        List<String> names = new ArrayList<>();
        int rest = status & 0xff;
        for (int i = 0; i < BITS.length; i++) {
            if ((rest & BITS[i]) != 0) {
                names.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        for (int bit = 0; bit < 8; bit++) {
            if ((rest & (1 << bit)) != 0) {
                names.add("bit " + bit);
            }
        }
        return names;
    }
}
