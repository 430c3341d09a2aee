package io.pvscope.agent.devices.xenbus;

import java.util.Map;

/**
 * What each XenBus device type is, by the name it has under {@code device/} and {@code backend/} (libxl's
 * device kinds and Xen's public/io headers). Backend-only names (qdisk, vbd3, qusb, vinput, xen_9pfs) serve
 * the frontend type named in parentheses.
 */
public final class XenbusTypes {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("vif", "network"),
            Map.entry("vbd", "block"),
            Map.entry("qdisk", "block (QEMU backend of vbd)"),
            Map.entry("vbd3", "block (tapdisk3 backend of vbd)"),
            Map.entry("tap", "block (blktap backend of vbd)"),
            Map.entry("console", "console"),
            Map.entry("vkbd", "keyboard and pointer"),
            Map.entry("vinput", "keyboard and pointer (QEMU backend of vkbd)"),
            Map.entry("vfb", "framebuffer"),
            Map.entry("pci", "PCI pass-through"),
            Map.entry("9pfs", "9P file system"),
            Map.entry("xen_9pfs", "9P file system (xen-9pfsd backend of 9pfs)"),
            Map.entry("vusb", "USB"),
            Map.entry("qusb", "USB (QEMU backend of vusb)"),
            Map.entry("vscsi", "SCSI"),
            Map.entry("vtpm", "TPM"),
            Map.entry("vsnd", "sound"),
            Map.entry("vdispl", "display"),
            Map.entry("vcamera", "camera"),
            Map.entry("pvcalls", "POSIX calls"),
            Map.entry("virtio", "virtio-mmio device"),
            Map.entry("virtio_disk", "virtio block (standalone backend)"));

    private XenbusTypes() {
    }

    /** The type's meaning, or the type itself for one not known here. */
    public static String name(String type) {
        return NAMES.getOrDefault(type, type);
    }
}
