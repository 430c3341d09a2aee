package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Platforms named from DMI, with systemd-detect-virt's verdict for the same inputs from src/basic/virt.c
 * (detect_vm_dmi_vendor's table, detect_vm_smbios, detect_vm_dmi's EC2 handling). The platform is never a
 * unit: the units still come from CPUID.
 */
class CloudPlatformsTest {


    @Test
    void ec2VirtualMachinesAndMetalAreToldApartBySmbios() {
        // detect_vm_dmi(): "Amazon EC2" in the vendor table, then detect_vm_smbios() SET → amazon.
        DetectionReport vm = FakeRoots.detect("ec2-nitro-vm");
        assertThat(vm.platform().cloud()).isEqualTo("Amazon EC2");
        assertThat(vm.platform().vmBit()).isEqualTo(Platform.SmbiosVmBit.SET);
        assertThat(vm.platform().metal()).isFalse();
        assertThat(vm.units()).extracting(DetectedUnit::name).containsExactly("KVM");
        assertThat(vm.evidence()).contains(Evidence.of("dmi", DmiReader.BIOS_TABLE,
                "characteristics extension byte 2 0x1c: virtual machine bit set"));

        // detect_vm_smbios() UNSET → none: bare metal.
        DetectionReport metal = FakeRoots.detect("ec2-metal");
        assertThat(metal.platform().cloud()).isEqualTo("Amazon EC2");
        assertThat(metal.platform().vmBit()).isEqualTo(Platform.SmbiosVmBit.CLEAR);
        assertThat(metal.platform().metal()).isTrue();
        assertThat(metal.units()).isEmpty();

        // SMBIOS_VM_BIT_UNKNOWN: the product name ending in ".metal" → none.
        DetectionReport unreadable = FakeRoots.detect("ec2-metal-table-unreadable");
        assertThat(unreadable.platform().vmBit()).isEqualTo(Platform.SmbiosVmBit.UNKNOWN);
        assertThat(unreadable.platform().metal()).isTrue();
    }

    @Test
    void otherCloudsAreNamedAndTheirUnitsStillComeFromCpuid() {
        // The virt.c read has no Google, Azure, KubeVirt entry: it answers kvm / microsoft from CPUID; newer
        // systemd names google; KubeVirt's DMI vendor is looked for by newer systemd too.
        assertThat(FakeRoots.detect("gce").platform().cloud()).isEqualTo("Google Compute Engine");
        assertThat(FakeRoots.detect("gce").units()).extracting(DetectedUnit::name).containsExactly("KVM");
        assertThat(FakeRoots.detect("azure").platform().cloud()).isEqualTo("Microsoft Azure");
        assertThat(FakeRoots.detect("azure").units()).extracting(DetectedUnit::name).containsExactly("Hyper-V");
        assertThat(FakeRoots.detect("kubevirt").platform().cloud()).isEqualTo("KubeVirt");
        assertThat(FakeRoots.detect("kvm").platform().cloud()).isEmpty();
    }

    @Test
    void theTextAndJsonSaySo() {
        StringWriter text = new StringWriter();
        DetectionText.print(FakeRoots.detect("ec2-metal"), new PrintWriter(text));
        assertThat(text.toString()).contains("platform: Amazon EC2 c5.metal  (Amazon EC2, bare metal)");

        var json = DetectionJson.toJson(FakeRoots.detect("ec2-nitro-vm")).getAsJsonObject("platform");
        assertThat(json.get("cloud").getAsString()).isEqualTo("Amazon EC2");
        assertThat(json.get("smbiosVmBit").getAsString()).isEqualTo("set");
        assertThat(json.get("metal").getAsBoolean()).isFalse();
    }

    @Test
    void xenBasedEc2InstancesAreNamedFromTheBiosVersion() {
        assertThat(CloudPlatforms.name(new CloudPlatforms.Dmi("Xen", "HVM domU", "4.11.amazon", "")))
                .contains("Amazon EC2");
        assertThat(CloudPlatforms.name(new CloudPlatforms.Dmi("Xen", "HVM domU", "4.11.4", ""))).isEmpty();
    }
}
