package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Confidential guests told from their CPU, MSR and sysfs views. Each case names what systemd-detect-virt
 * --cvm decides for the same inputs, from src/basic/confidential-virt.c (systemd commit 10f2080, with the
 * constants of src/fundamental/confidential-virt-fundamental.h).
 */
class ConfidentialProbeTest {

    private static ConfidentialGuest detect(String root) {
        return FakeRoots.detect(root).confidential();
    }

    private static String seen(ConfidentialGuest guest) {
        return guest.evidence().stream().map(e -> "[" + e.source() + "] " + e.subject() + ": " + e.seen())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void sevGuestsAreToldApartBySevStatus() {
        // detect_sev(): leaf 0x8000001F EAX bit 1 (EAX_SEV) set, then MSR_AMD64_SEV tested SNP, ES, SEV in turn.
        assertThat(detect("amd-sev").technology()).isEqualTo("sev");
        assertThat(detect("amd-sev-es").technology()).isEqualTo("sev-es");
        ConfidentialGuest snp = detect("amd-sev-snp");
        assertThat(snp.technology()).isEqualTo("sev-snp");
        assertThat(snp.paravisor()).isFalse();
        assertThat(seen(snp)).contains("[cpuid] leaf 0x8000001F EAX bit 1: set (EAX 0x0001001b): SEV offered",
                "[msr] /dev/cpu/0/msr 0xC0010131 (SEV_STATUS): 0x0000000000000007: SEV-SNP active",
                "[devfs] /dev/sev-guest: present: the kernel's SEV-SNP guest driver is bound");
    }

    @Test
    void anUnreadableSevStatusIsUnknownWithTheReason() {
        // detect_sev(): msr() returns 0 when the device cannot be opened, so systemd says "none"; a guest that
        // offers SEV may well run it, so PvScope says it cannot tell.
        ConfidentialGuest guest = detect("amd-sev-status-unreadable");

        assertThat(guest.technology()).isEqualTo(ConfidentialGuest.UNKNOWN);
        assertThat(guest.detected()).isFalse();
        assertThat(seen(guest)).contains("[msr] /dev/cpu/0/msr 0xC0010131 (SEV_STATUS): absent in the captured"
                + " root: whether SEV is active is unknown");
    }

    @Test
    void aTdxTrustDomainIsToldByLeaf0x21() {
        // detect_tdx(): cpuid_leaf(0x21, swapped) compared with "IntelTDX    ".
        ConfidentialGuest guest = detect("intel-tdx");

        assertThat(guest.technology()).isEqualTo("tdx");
        assertThat(seen(guest)).contains("[cpuid] leaf 0x00000021: \"IntelTDX    \": a TDX trust domain",
                "[cpuinfo] /proc/cpuinfo: tdx_guest flag: the kernel runs as a TDX guest",
                "[devfs] /dev/tdx_guest: present: the kernel's TDX guest driver is bound");
    }

    @Test
    void hyperVIsolationBehindAParavisorIsToldByItsIsolationLeaf() {
        // detect_sev() finds no EAX_SEV (Azure hides leaf 0x8000001F), detect_tdx() no signature; both fall
        // back to detect_hyperv_cvm(): "Microsoft Hv", 0x40000003 EBX bit 22 without bit 12, 0x4000000C type.
        ConfidentialGuest snp = detect("hyperv-snp-isolated");
        assertThat(snp.technology()).isEqualTo("sev-snp");
        assertThat(snp.paravisor()).isTrue();
        assertThat(seen(snp)).contains("[cpuid] leaf 0x4000000C: isolation: SEV-SNP, paravisor present, shared GPA"
                + " boundary at bit 46");

        ConfidentialGuest tdx = detect("hyperv-tdx-isolated");
        assertThat(tdx.technology()).isEqualTo("tdx");
        assertThat(tdx.paravisor()).isTrue();
    }

    @Test
    void ordinaryGuestsAndBareMetalAreNotConfidential() {
        // detect_confidential_virtualization_impl(): nothing without the hypervisor bit; detect_sev() stops
        // when leaf 0x8000001F is beyond the highest extended leaf.
        assertThat(detect("kvm").technology()).isEqualTo(ConfidentialGuest.NONE);
        assertThat(seen(detect("kvm"))).contains("[cpuid] leaf 0x8000001F EAX bit 1: no such leaf (the highest"
                + " is 0x00000000)");
        assertThat(detect("hyperv").technology()).isEqualTo(ConfidentialGuest.NONE);
        assertThat(detect("no-hypervisor").technology()).isEqualTo(ConfidentialGuest.NONE);
        assertThat(seen(detect("no-hypervisor"))).contains("clear: not a guest, so not a confidential one");
    }

    @Test
    void s390ProtectedVirtualisationAndArmRealmsAreToldBySysfs() {
        // The s390x branch reads /sys/firmware/uv/prot_virt_guest ('1'); the aarch64 one tests
        // /sys/devices/platform/arm-cca-dev.
        assertThat(detect("s390-protvirt").technology()).isEqualTo("protvirt");
        assertThat(detect("s390-kvm").technology()).isEqualTo(ConfidentialGuest.NONE);
        assertThat(detect("arm64-cca-realm").technology()).isEqualTo("cca");
    }

    @Test
    void theTextReportSaysSoAndWarnsAboutHostValues() {
        java.io.StringWriter text = new java.io.StringWriter();
        DetectionText.print(FakeRoots.detect("hyperv-snp-isolated"),
                new java.io.PrintWriter(text));

        assertThat(text.toString()).contains("confidential: sev-snp (behind a Hyper-V paravisor; values from the"
                + " host are untrusted input)");
    }

    @Test
    void theJsonReportCarriesTheSectionWithItsEvidence() {
        var json = DetectionJson.toJson(FakeRoots.detect("intel-tdx"))
                .getAsJsonObject("confidential");

        assertThat(json.get("technology").getAsString()).isEqualTo("tdx");
        assertThat(json.get("paravisor").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonArray("evidence").toString()).contains("IntelTDX");
    }

    @Test
    void theRealMsrDeviceIsReadOrSaysWhyNot() {
        SystemRoot live = SystemRoot.live();
        ModelSpecificRegister.Reading reading = ModelSpecificRegister.read(live, ConfidentialProbe.SEV_STATUS);

        if (Files.exists(live.resolve(ModelSpecificRegister.DEVICE))) {
            // Readable as root where the CPU has the register; otherwise the kernel's refusal is the reason.
            assertThat(reading.value().isPresent() || !reading.failure().isEmpty()).isTrue();
        } else {
            assertThat(reading.value()).isEmpty();
            assertThat(reading.failure()).isEqualTo("absent (no msr driver: modprobe msr as root)");
        }
        System.out.println("ConfidentialProbeTest: SEV_STATUS on this machine: " + (reading.value().isPresent()
                ? Long.toHexString(reading.value().getAsLong()) : reading.failure()));
    }
}
