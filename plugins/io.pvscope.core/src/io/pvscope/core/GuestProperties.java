package io.pvscope.core;

import java.util.Optional;

/**
 * What the agent's detection (ListUnits) says about the guest it runs in, beyond its units.
 *
 * @param vendor       the firmware's system vendor, or ""
 * @param product      the firmware's product name, or ""
 * @param version      the firmware's product version, or ""
 * @param cloud        the cloud the guest runs in, or ""
 * @param metal        whether it is a bare-metal instance of that cloud
 * @param smbiosVmBit  whether the firmware set SMBIOS's "virtual machine" bit
 * @param confidential the confidential-computing finding, if the agent looked
 */
public record GuestProperties(String vendor, String product, String version, String cloud, boolean metal,
        boolean smbiosVmBit, Optional<Confidential> confidential) {

    /**
     * @param technology "none", "unknown" or the technology found (e.g. "SEV-SNP"), or "" when not said
     * @param paravisor  whether the guest runs behind a Hyper-V paravisor
     */
    public record Confidential(String technology, boolean paravisor) {
    }
}
