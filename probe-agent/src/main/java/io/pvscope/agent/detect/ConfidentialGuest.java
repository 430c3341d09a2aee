package io.pvscope.agent.detect;

import java.util.List;

/**
 * Whether the guest is a confidential one (its memory and register state kept from the host), by which
 * technology, and the evidence. Values read from the host's stores are untrusted input on such a guest.
 *
 * @param technology systemd-detect-virt --cvm's names where it has one: "none", "sev", "sev-es", "sev-snp",
 *                   "tdx", "protvirt", "cca"; also "vbs" (Hyper-V's software isolation, which systemd does not
 *                   report) and "unknown" (the CPU offers SEV, but its status register could not be read)
 * @param paravisor  true when a Hyper-V paravisor runs beside the guest (Azure's confidential VMs): the
 *                   technology is then seen through Hyper-V's isolation leaf, not the CPU's own
 * @param evidence   what was looked at and what was seen
 */
public record ConfidentialGuest(String technology, boolean paravisor, List<Evidence> evidence) {

    public static final String NONE = "none";
    public static final String UNKNOWN = "unknown";

    public ConfidentialGuest {
        evidence = List.copyOf(evidence);
    }

    public boolean detected() {
        return !technology.equals(NONE) && !technology.equals(UNKNOWN);
    }
}
