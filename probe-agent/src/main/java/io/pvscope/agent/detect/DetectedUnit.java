package io.pvscope.agent.detect;

import java.util.List;
import java.util.Optional;

/**
 * One hypervisor interface: what /dev/pvbusN is on OpenBSD.
 *
 * @param unit      N of /dev/pvbusN
 * @param name      "KVM", "Hyper-V", "VMware", "Xen", "bhyve", "OpenBSD" or "unknown"
 * @param signature the printable CPUID signature, empty when not found through CPUID
 * @param base      the CPUID base leaf, 0 when not found through CPUID
 * @param maxLeaf   EAX of the base leaf
 * @param features  KVM/OpenBSD: EAX of base+1; Hyper-V: EAX of base+3; 0 otherwise
 * @param version   Hyper-V and Xen only
 * @param foundBy   "cpuid", "sysfs", "dmesg", "pvbus-ioctl"
 */
public record DetectedUnit(int unit, String name, String signature, int base, int maxLeaf, int features,
                           Optional<UnitVersion> version, String foundBy, List<Evidence> evidence) {

    public DetectedUnit {
        evidence = List.copyOf(evidence);
    }

    public DetectedUnit withUnit(int number) {
        return new DetectedUnit(number, name, signature, base, maxLeaf, features, version, foundBy, evidence);
    }

    /** The same unit with more evidence after its own (what sysfs adds to a unit CPUID found). */
    public DetectedUnit withEvidence(List<Evidence> more) {
        List<Evidence> all = new java.util.ArrayList<>(evidence);
        all.addAll(more);
        return new DetectedUnit(unit, name, signature, base, maxLeaf, features, version, foundBy, all);
    }
}
