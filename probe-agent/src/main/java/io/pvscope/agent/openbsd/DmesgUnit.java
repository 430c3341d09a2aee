package io.pvscope.agent.openbsd;

import io.pvscope.agent.detect.UnitVersion;
import java.util.Optional;

/**
 * One hypervisor as pvbus's attach line names it ("Hyper-V 6.1").
 *
 * @param name    as PVBUSIOC_TYPE names it: "KVM", "Hyper-V", "VMware", "Xen", "bhyve", "OpenBSD"
 * @param version printed for Hyper-V and Xen only
 */
public record DmesgUnit(String name, Optional<UnitVersion> version) {
}
