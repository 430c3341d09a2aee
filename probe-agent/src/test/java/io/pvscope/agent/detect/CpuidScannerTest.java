package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.internal.UserModeCpuid;
import io.pvscope.agent.fs.SystemRoot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuidScannerTest {

    private static final CpuidDump BHYVE_USER_VIEW = CpuidDump.parse("user", List.of(
            "   0x00000001 0x00: eax=0x000a0671 ebx=0x00020800 ecx=0xfffa3203 edx=0x1f8bfbff",
            "   0x40000000 0x00: eax=0x40000000 ebx=0x76796862 ecx=0x68622065 edx=0x20657679"));

    @Test
    void kernelViewDefinesUnitsAndADisagreeingUserViewIsFlagged() {
        List<Evidence> evidence = new ArrayList<>();
        SystemRoot root = FakeRoots.root("kvm-this-machine");
        List<DetectedUnit> units = new CpuidScanner(root, () -> UserModeCpuid.Availability.of(BHYVE_USER_VIEW))
                .scan(CpuidDeviceOpener.open(root, evidence), evidence);

        assertThat(units).extracting(DetectedUnit::name).containsExactly("KVM");
        assertThat(evidence).filteredOn(Evidence::conflict).extracting(Evidence::seen).containsExactly(
                "user-mode view: \"bhyve bhyve \" at 0x40000000; the kernel's view: \"KVMKVMKVM\" at 0x40000000",
                "kernel sees \"KVMKVMKVM\", user mode sees \"bhyve bhyve \"");
    }

    @Test
    void agreeingViewsAreReportedWithoutConflict() {
        List<Evidence> evidence = new ArrayList<>();
        CpuidDump sameAsKernel = CpuidDump.parse("user", List.of(
                "   0x40000000 0x00: eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x0000004d"));
        SystemRoot root = FakeRoots.root("kvm-this-machine");
        new CpuidScanner(root, () -> UserModeCpuid.Availability.of(sameAsKernel))
                .scan(CpuidDeviceOpener.open(root, evidence), evidence);

        assertThat(evidence).noneMatch(Evidence::conflict)
                .anySatisfy(e -> assertThat(e.seen()).endsWith("(same as the kernel's)"));
    }

    @Test
    void withoutAKernelViewTheUserViewDefinesTheUnitsAndSaysSo() {
        List<Evidence> evidence = new ArrayList<>();
        SystemRoot root = FakeRoots.root("xen-pv");
        List<DetectedUnit> units = new CpuidScanner(root, () -> UserModeCpuid.Availability.of(BHYVE_USER_VIEW))
                .scan(CpuidDeviceOpener.open(root, evidence), evidence);

        assertThat(units).extracting(DetectedUnit::name, DetectedUnit::foundBy)
                .containsExactly(org.assertj.core.api.Assertions.tuple("bhyve", "cpuid-user"));
        assertThat(evidence).extracting(Evidence::seen)
                .contains("no kernel CPUID view: units come from user-mode CPUID");
    }
}
