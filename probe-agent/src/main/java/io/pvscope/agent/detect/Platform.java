package io.pvscope.agent.detect;

/**
 * What the firmware (DMI/SMBIOS) says the machine is. DMI alone never makes a unit: pvbus has none for a
 * cloud, whose guests reach their hypervisor through the same interfaces as anyone's.
 *
 * @param cloud the cloud or virtualisation platform the DMI strings name ("Amazon EC2", "Google Compute
 *              Engine"…), or "" when they name none
 * @param vmBit SMBIOS's "this is a virtual machine" bit (BIOS characteristics extension byte 2, bit 4)
 * @param metal true when the platform is known to be bare metal (an EC2 .metal instance)
 */
public record Platform(String vendor, String product, String version, String biosVendor, String boardVendor,
                       String cloud, SmbiosVmBit vmBit, boolean metal) {

    public static final Platform UNKNOWN = new Platform("", "", "", "", "", "", SmbiosVmBit.UNKNOWN, false);

    /** Whether the firmware said anything at all. */
    public boolean named() {
        return !(vendor + product + version + biosVendor + boardVendor + cloud).isEmpty()
                || vmBit != SmbiosVmBit.UNKNOWN;
    }

    /** The SMBIOS virtual machine bit: set, clear, or not readable (the raw table is root's alone). */
    public enum SmbiosVmBit {
        UNKNOWN, SET, CLEAR
    }
}
