package io.pvscope.agent.detect;

import java.util.List;

/** Reads the firmware's DMI identity; reported as platform evidence, never as a unit. */
final class DmiReader {

    private static final String DMI = "/sys/class/dmi/id/";

    private final SystemRoot root;

    DmiReader(SystemRoot root) {
        this.root = root;
    }

    Platform read(List<Evidence> evidence) {
        Platform platform = new Platform(field("sys_vendor"), field("product_name"), field("product_version"),
                field("bios_vendor"), field("board_vendor"));
        if (platform.equals(Platform.UNKNOWN)) {
            evidence.add(Evidence.of("dmi", DMI, root.exists(DMI) ? "no identity readable" : "absent"));
        } else {
            evidence.add(Evidence.of("dmi", DMI, "platform: " + platform.vendor() + " " + platform.product()));
        }
        return platform;
    }

    private String field(String name) {
        return root.read(DMI + name).firstLine().orElse("");
    }
}
