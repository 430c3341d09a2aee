package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxDetectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static DetectionReport detect(String root) {
        return new LinuxDetector(FakeRoots.root(root), CLOCK).detect();
    }

    @Test
    void thisMachinesCaptureIsOneKvmUnitWithItsFeatures() {
        DetectionReport report = detect("kvm-this-machine");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::signature,
                        DetectedUnit::base, DetectedUnit::maxLeaf, DetectedUnit::features)
                .containsExactly(tuple(0, "KVM", "KVMKVMKVM", 0x40000000, 0x40000001, 0x01007efb));
        assertThat(report.evidence()).contains(
                Evidence.of("cpuinfo", "/proc/cpuinfo", "hypervisor flag set"),
                Evidence.of("cpuid", "leaf 0x00000001 ECX bit 31", "set: running under a hypervisor"));
        assertThat(report.detected()).isEqualTo(CLOCK.instant());
    }

    @Test
    void hyperVHasVersionFromBasePlus2AndFeaturesFromBasePlus3() {
        DetectionReport report = detect("hyperv");

        assertThat(report.units()).singleElement().satisfies(unit -> {
            assertThat(unit.name()).isEqualTo("Hyper-V");
            assertThat(unit.signature()).isEqualTo("Microsoft Hv");
            assertThat(unit.version()).contains(new UnitVersion(10, 0));
            assertThat(unit.features()).isEqualTo(0x2e7f);
        });
        assertThat(report.platform().vendor()).isEqualTo("Microsoft Corporation");
        assertThat(report.platform().product()).isEqualTo("Virtual Machine");
    }

    @Test
    void vmwareRecordsOnlyItsBase() {
        DetectionReport report = detect("vmware");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::features, DetectedUnit::version)
                .containsExactly(tuple("VMware", 0, Optional.empty()));
    }

    @Test
    void xenHvmHasVersionFromBasePlus1() {
        DetectionReport report = detect("xen-hvm");

        assertThat(report.units()).singleElement().satisfies(unit -> {
            assertThat(unit.name()).isEqualTo("Xen");
            assertThat(unit.version()).contains(new UnitVersion(4, 11));
            assertThat(unit.foundBy()).isEqualTo("cpuid");
        });
        assertThat(report.evidence()).contains(Evidence.of("sysfs", "/sys/hypervisor/type", "xen"));
    }

    @Test
    void kvmWithHyperVEnlightenmentsIsTwoUnitsInPvbusOrder() {
        DetectionReport report = detect("kvm-hyperv");

        // Hyper-V's window comes first in CPUID, but pvbus numbers KVM before Hyper-V.
        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::base)
                .containsExactly(tuple(0, "KVM", 0x40000100), tuple(1, "Hyper-V", 0x40000000));
        assertThat(report.units().get(1).version()).contains(new UnitVersion(10, 0));
    }

    @Test
    void xenWithViridianIsReportedAsBothNotAsMicrosoft() {
        DetectionReport report = detect("xen-viridian");

        assertThat(report.units()).extracting(DetectedUnit::name, DetectedUnit::version)
                .containsExactly(tuple("Hyper-V", Optional.of(new UnitVersion(6, 1))),
                        tuple("Xen", Optional.of(new UnitVersion(4, 17))));
    }

    @Test
    void unknownPrintableSignatureIsAUnitAfterTheKnownOnesAndDoesNotStopTheScan() {
        DetectionReport report = detect("unknown-then-bhyve");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::signature)
                .containsExactly(tuple(0, "bhyve", "bhyve bhyve "), tuple(1, "unknown", "TCGTCGTCGTCG"));
        assertThat(report.units().get(1).evidence())
                .anySatisfy(e -> assertThat(e.seen()).contains("QEMU TCG"));
    }

    @Test
    void xenPvGuestWithoutCpuidIsFoundThroughSysfs() {
        DetectionReport report = detect("xen-pv");

        assertThat(report.units()).extracting(DetectedUnit::unit, DetectedUnit::name, DetectedUnit::foundBy)
                .containsExactly(tuple(0, "Xen", "sysfs"));
        assertThat(report.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("/dev/cpu/0/cpuid");
            assertThat(e.seen()).contains("absent");
        });
    }

    @Test
    void bareMetalHasNoUnitsAndSaysWhy() {
        DetectionReport report = detect("no-hypervisor");

        assertThat(report.units()).isEmpty();
        assertThat(report.evidence()).contains(
                Evidence.of("cpuinfo", "/proc/cpuinfo", "no hypervisor flag"),
                Evidence.of("cpuid", "leaf 0x00000001 ECX bit 31", "clear"));
        assertThat(report.platform().vendor()).isEqualTo("Dell Inc.");
    }

    @Test
    void emptyRootDegradesToEvidenceInsteadOfFailing(@TempDir Path empty) {
        DetectionReport report = new LinuxDetector(SystemRoot.of(empty), CLOCK).detect();

        assertThat(report.units()).isEmpty();
        assertThat(report.evidence()).contains(Evidence.of("cpuinfo", "/proc/cpuinfo", "absent"));
        assertThat(report.container().detected()).isFalse();
    }

    @Test
    void containerMarkersAreReportedButMakeNoUnit(@TempDir Path root) throws Exception {
        Files.createFile(root.resolve(".dockerenv"));
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/environ"), "PATH=/bin\0container=podman\0HOME=/\0");

        DetectionReport report = new LinuxDetector(SystemRoot.of(root), CLOCK).detect();

        assertThat(report.units()).isEmpty();
        assertThat(report.container().detected()).isTrue();
        assertThat(report.container().kind()).isEqualTo("podman");
        assertThat(report.container().evidence()).extracting(Evidence::subject)
                .containsExactly("/.dockerenv", "/proc/1/environ");
    }
}
