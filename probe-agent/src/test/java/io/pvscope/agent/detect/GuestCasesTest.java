package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per captured or hand-written guest under src/test/resources/roots that LinuxDetectorTest leaves out. */
class GuestCasesTest {


    @Test
    void plainKvmIsOneUnitWithFeaturesFromBasePlus1() {
        DetectionReport report = FakeRoots.detect("kvm");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::base,
                        DetectedUnit::maxLeaf, DetectedUnit::features, DetectedUnit::version)
                .containsExactly(tuple(0, "KVM", 0x40000000, 0x40000001, 0x010000fb, Optional.empty()));
        assertThat(report.platform().product()).isEqualTo("Standard PC (i440FX + PIIX, 1996)");
        assertThat(report.platform().version()).isEqualTo("pc-i440fx-7.2");
        assertThat(report.role()).isEqualTo(GuestRole.UNSPECIFIED);
    }

    @Test
    void kvmsOwnHyperVSignatureIsAnUnknownUnitAfterKvmAndSaysWhatItIs() {
        DetectionReport report = FakeRoots.detect("kvm-linux-hv");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::signature,
                        DetectedUnit::base)
                .containsExactly(tuple(0, "KVM", "KVMKVMKVM", 0x40000100),
                        tuple(1, "unknown", "Linux KVM Hv", 0x40000000));
        DetectedUnit hv = report.units().get(1);
        assertThat(hv.features()).isZero();
        assertThat(hv.version()).isEmpty();
        assertThat(hv.evidence()).extracting(Evidence::seen).contains(
                "not a pvbus hypervisor; known as KVM's Hyper-V emulation",
                "interface \"Hv#1\": offers the Hyper-V interface, which pvbus attaches only under the "
                        + "\"Microsoft Hv\" signature");
    }

    @Test
    void bhyveRecordsOnlyItsBaseAndFreeBsdIsThePlatform() {
        DetectionReport report = FakeRoots.detect("bhyve");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::signature, DetectedUnit::features)
                .containsExactly(tuple("bhyve", "bhyve bhyve ", 0));
        assertThat(report.platform().vendor()).isEqualTo("FreeBSD");
        assertThat(report.platform().product()).isEqualTo("BHYVE");
    }

    @Test
    void openBsdVmmIsFoundByCpuidWithKvmStyleFeatures() {
        DetectionReport report = FakeRoots.detect("openbsd-vmm-cpuid");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::signature, DetectedUnit::features,
                        DetectedUnit::foundBy)
                .containsExactly(tuple("OpenBSD", "OpenBSDVMM58", 0x01000008, "cpuid"));
    }

    @Test
    void anUnknownPrintableSignatureIsAnUnknownUnitWithoutFeatures() {
        DetectionReport report = FakeRoots.detect("unknown-signature");

        assertThat(report.units()).singleElement().satisfies(unit -> {
            assertThat(unit.name()).isEqualTo("unknown");
            assertThat(unit.signature()).isEqualTo("NotARealHV42");
            assertThat(unit.maxLeaf()).isEqualTo(0x40000004);
            assertThat(unit.features()).isZero();
            assertThat(unit.evidence()).noneMatch(e -> e.seen().contains("known as"));
        });
    }

    @Test
    void dockerIsNamedByItsMarkerFile() {
        DetectionReport report = FakeRoots.detect("container-docker");

        assertThat(report.container().kind()).isEqualTo("docker");
        assertThat(report.container().evidence()).containsExactly(Evidence.of("container", "/.dockerenv", "present"));
        assertThat(report.units()).isEmpty();
        assertThat(report.evidence()).contains(Evidence.of("cpuinfo", "/proc/cpuinfo", "hypervisor flag set"));
    }

    @Test
    void podmanIsNamedByInitsEnvironmentAndItsEngineAndRootlessnessAreShown() {
        DetectionReport report = FakeRoots.detect("container-podman");

        assertThat(report.container().kind()).isEqualTo("podman");
        assertThat(report.container().evidence()).containsExactly(
                Evidence.of("container", "/run/.containerenv", "present: podman-4.3.1, rootless"),
                Evidence.of("container", "/proc/1/environ", "container=podman"));
    }

    @Test
    void s390GuestHasNoUnitButNamesItsHypervisorFromSysinfo() {
        DetectionReport report = FakeRoots.detect("s390-kvm");

        assertThat(report.units()).isEmpty();
        assertThat(report.evidence()).contains(
                Evidence.of("cpuinfo", "/proc/cpuinfo", "no x86 flags line (vendor_id IBM/S390): not an x86 CPU, "
                        + "so no CPUID hypervisor range"),
                Evidence.of("sysinfo", "/proc/sysinfo", "s390 guest of VM00 KVM/Linux in LPAR LP21; s390 has no "
                        + "CPUID, so no pvbus unit"));
    }

    @Test
    void zvmGuestAndBareLparAreToldApart(@TempDir Path dir) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("zvm/proc"));
        Files.writeString(proc.resolve("sysinfo"), "LPAR Name:            LP01\n"
                + "VM00 Name:            LINUX01\nVM00 Control Program: z/VM    7.3.0\n");
        Path lpar = Files.createDirectories(dir.resolve("lpar/proc"));
        Files.writeString(lpar.resolve("sysinfo"), "LPAR Name:            LP02\n");

        DetectionReport zvm = new LinuxDetector(SystemRoot.of(dir.resolve("zvm")), Clock.systemUTC()).detect();
        DetectionReport bare = new LinuxDetector(SystemRoot.of(dir.resolve("lpar")), Clock.systemUTC()).detect();

        assertThat(zvm.evidence()).contains(Evidence.of("sysinfo", "/proc/sysinfo",
                "s390 guest of VM00 z/VM 7.3.0 in LPAR LP01; s390 has no CPUID, so no pvbus unit"));
        assertThat(bare.evidence()).contains(Evidence.of("sysinfo", "/proc/sysinfo",
                "LPAR LP02, no hypervisor level above it: runs directly in the logical partition"));
    }
}
