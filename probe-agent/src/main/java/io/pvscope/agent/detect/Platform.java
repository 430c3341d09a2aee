package io.pvscope.agent.detect;

/** What the firmware (DMI) says the machine is. DMI alone never makes a unit. */
public record Platform(String vendor, String product, String version, String biosVendor, String boardVendor) {

    public static final Platform UNKNOWN = new Platform("", "", "", "", "");
}
