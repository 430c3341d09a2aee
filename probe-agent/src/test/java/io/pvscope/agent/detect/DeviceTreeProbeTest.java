package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Guests without CPUID: their hypervisor from the device tree (and KVM's clock). systemd-detect-virt's
 * verdict for the same inputs is from src/basic/virt.c, detect_vm_device_tree() (and, before it,
 * detect_vm_dmi() and detect_vm_xen()).
 */
class DeviceTreeProbeTest {


    @Test
    void anArmXenGuestIsAXenUnitWithItsVersionRoleAndDevices() {
        // systemd: detect_vm_xen() finds /proc/xen → xen (the device tree is not reached).
        DetectionReport report = FakeRoots.detect("arm64-xen");

        assertThat(report.units()).singleElement().satisfies(xen -> {
            assertThat(xen.name()).isEqualTo("Xen");
            assertThat(xen.foundBy()).isEqualTo("devicetree");
            assertThat(xen.version()).contains(new UnitVersion(4, 17));
            assertThat(xen.evidence()).contains(
                    Evidence.of("devicetree", DeviceTreeProbe.COMPATIBLE, "xen,xen-4.17, xen,xen"),
                    Evidence.of("sysfs", "/sys/hypervisor/version/{major,minor,extra}", "Xen 4.17.3"));
        });
        assertThat(report.role()).isEqualTo(new GuestRole(GuestRole.Domain.DOMU, GuestRole.Mode.HVM));
    }

    @Test
    void kvmOnArmIsFoundByItsClockAndQemuIsOnlyEvidence() {
        // systemd: detect_vm_dmi() reads "KVM" from product_name → kvm; without DMI, the fw-cfg node → qemu.
        DetectionReport kvm = FakeRoots.detect("arm64-kvm");
        assertThat(kvm.units()).singleElement().satisfies(unit -> {
            assertThat(unit.name()).isEqualTo("KVM");
            assertThat(unit.foundBy()).isEqualTo("sysfs");
        });
        assertThat(kvm.evidence()).anySatisfy(e -> assertThat(e.seen()).startsWith("QEMU's fw-cfg"));

        // systemd: qemu. No interface a driver attaches to: no unit, the evidence says what the machine is.
        DetectionReport tcg = FakeRoots.detect("arm64-tcg");
        assertThat(tcg.units()).isEmpty();
        assertThat(tcg.evidence())
                .anySatisfy(e -> assertThat(e.subject()).isEqualTo("/proc/device-tree/fw-cfg@9020000"));
    }

    @Test
    void powerPcKvmAndArmVmwareAreNamedByTheirHypervisorNode() {
        // systemd: "linux,kvm" → kvm; a compatible containing "vmware" → vmware.
        assertThat(FakeRoots.detect("ppc64-kvm").units()).extracting(DetectedUnit::name).containsExactly("KVM");
        assertThat(FakeRoots.detect("arm64-vmware").units()).extracting(DetectedUnit::name).containsExactly("VMware");
        assertThat(FakeRoots.detect("arm64-vmware").units().get(0).version()).isEqualTo(Optional.empty());
    }

    @Test
    void x86GuestsAreUnchanged() {
        assertThat(FakeRoots.detect("kvm").units()).extracting(DetectedUnit::foundBy).containsExactly("cpuid");
        assertThat(FakeRoots.detect("kvm").evidence()).noneMatch(e -> e.source().equals("devicetree"));
    }
}
