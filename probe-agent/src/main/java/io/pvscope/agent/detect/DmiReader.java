package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the firmware's DMI identity, the cloud it names and SMBIOS's virtual machine bit; reported as the
 * platform with its evidence, never as a unit.
 */
final class DmiReader {

    private static final String DMI = "/sys/class/dmi/id/";
    /** The BIOS information structure (type 0) as the firmware gave it; mode 0400, root's alone. */
    static final String BIOS_TABLE = "/sys/firmware/dmi/entries/0-0/raw";

    private final SystemRoot root;

    DmiReader(SystemRoot root) {
        this.root = root;
    }

    Platform read(List<Evidence> evidence) {
        String vendor = field("sys_vendor");
        String product = field("product_name");
        String cloud = CloudPlatforms.name(new CloudPlatforms.Dmi(vendor, product, field("bios_version"),
                field("chassis_asset_tag"))).orElse("");
        Platform.SmbiosVmBit vmBit = vmBit(evidence);
        // EC2 sells bare-metal instances under the same strings: only SMBIOS's bit, or the ".metal" product
        // name where the table cannot be read, tells them from its virtual machines.
        boolean metal = cloud.equals("Amazon EC2") && (vmBit == Platform.SmbiosVmBit.CLEAR
                || vmBit == Platform.SmbiosVmBit.UNKNOWN && product.endsWith(".metal"));
        Platform platform = new Platform(vendor, product, field("product_version"), field("bios_vendor"),
                field("board_vendor"), cloud, vmBit, metal);
        if ((vendor + product + platform.version() + platform.biosVendor() + platform.boardVendor()).isEmpty()) {
            evidence.add(Evidence.of("dmi", DMI, root.exists(DMI) ? "no identity readable" : "absent"));
        } else {
            evidence.add(Evidence.of("dmi", DMI, "platform: " + vendor + " " + product
                    + (cloud.isEmpty() ? "" : "; named " + cloud + (metal ? ", bare metal" : ""))));
        }
        return platform;
    }

    /** Byte 0x13 of the BIOS structure is characteristics extension byte 2; its bit 4 says "a VM". */
    private Platform.SmbiosVmBit vmBit(List<Evidence> evidence) {
        Path table = root.resolve(BIOS_TABLE);
        if (!Files.exists(table)) {
            return Platform.SmbiosVmBit.UNKNOWN;
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(table);
        } catch (IOException | SecurityException e) {
            evidence.add(Evidence.of("dmi", BIOS_TABLE, "not readable (" + SystemRoot.describe(e)
                    + "): whether the firmware calls this a virtual machine is unknown"));
            return Platform.SmbiosVmBit.UNKNOWN;
        }
        // Byte 1 is the formatted length: 0x12 plus the extension bytes present.
        if (raw.length < 20 || (raw[1] & 0xff) < 20) {
            evidence.add(Evidence.of("dmi", BIOS_TABLE, "no characteristics extension byte 2 (length "
                    + (raw.length < 2 ? raw.length : raw[1] & 0xff) + ")"));
            return Platform.SmbiosVmBit.UNKNOWN;
        }
        boolean set = (raw[19] & 0x10) != 0;
        evidence.add(Evidence.of("dmi", BIOS_TABLE, String.format("characteristics extension byte 2 0x%02x: %s",
                raw[19] & 0xff, set ? "virtual machine bit set" : "virtual machine bit clear")));
        return set ? Platform.SmbiosVmBit.SET : Platform.SmbiosVmBit.CLEAR;
    }

    private String field(String name) {
        return root.read(DMI + name).firstLine().orElse("");
    }
}
