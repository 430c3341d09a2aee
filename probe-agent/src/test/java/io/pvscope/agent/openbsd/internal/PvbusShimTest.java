package io.pvscope.agent.openbsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.FakeRoots;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pvbus ABI against a C compiler's view of OpenBSD's definitions: a child JVM runs the agent's real
 * JNA code against a gcc-built shim that answers /dev/pvbusN as the kernel does, and only recognises
 * requests whose number and struct size equal its own.
 */
class PvbusShimTest {

    /** pvbus0 KVM (no store), pvbus1 Hyper-V, pvbus2 VMware, pvbus3 Xen; pvbus4 does not exist. */
    private static ShimChild child;

    @BeforeAll
    static void startChild() throws IOException, InterruptedException {
        child = ShimChild.start("KVM,Hyper-V,VMware,Xen");
    }

    @AfterAll
    static void stopChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    private static String[] ask(String... words) throws IOException {
        return child.ask(words);
    }

    @Test
    void unitsAreNamedByTypeUntilTheKernelSaysNoSuchDevice() throws IOException {
        String[] answer = ask("units");

        assertThat(answer[0]).isEqualTo("ok");
        assertThat(answer[1]).isEqualTo(
                "0:KVM:/dev/pvbus0,1:Hyper-V:/dev/pvbus1,2:VMware:/dev/pvbus2,3:Xen:/dev/pvbus3");
        assertThat(answer[2]).isEqualTo("end of units: open: /dev/pvbus4: Device not configured (ENXIO)");
    }

    @Test
    void typeNeedsRoomForTheNameAndItsNul() throws IOException {
        assertThat(ask("type", "1", "7")).containsExactly("err", "ENOMEM",
                "PVBUSIOC_TYPE on /dev/pvbus1: Cannot allocate memory");
        assertThat(ask("type", "1", "8")).containsExactly("ok", "Hyper-V");
    }

    @Test
    void storeInfoNamesTheUnitByType() throws IOException {
        assertThat(ask("info", "3")).containsExactly("ok", "pvbus", "Xen", "/dev/pvbus3", "false");
    }

    @Test
    void aUnitWithoutKeyValueBackendAnswersEnxio() throws IOException {
        assertThat(ask("read", "0", "name")).containsExactly("err", "ENXIO",
                "PVBUSIOC_KVREAD on /dev/pvbus0 for \"name\": Device not configured");
        assertThat(ask("write", "0", "name", "x")[1]).isEqualTo("ENXIO");
    }

    @Test
    void zeroLengthsAreInvalid() throws IOException {
        assertThat(ask("readonce", "3", "name", "0", "4096")[1]).isEqualTo("EINVAL");
        assertThat(ask("readonce", "3", "name", "-1", "0")[1]).isEqualTo("EINVAL");
    }

    @Test
    void lengthsAbove64KiBAreTooLongAnd64KiBIsNot() throws IOException {
        assertThat(ask("readonce", "3", "name", "65537", "4096")[1]).isEqualTo("ENAMETOOLONG");
        assertThat(ask("readonce", "3", "name", "-1", "65537")[1]).isEqualTo("ENAMETOOLONG");
        assertThat(ask("readonce", "3", "name", "-1", "65536")).containsExactly("ok", "13", "openbsd-guest");
    }

    @Test
    void xenReadsALeafAndListsADirectory() throws IOException {
        assertThat(ask("read", "3", "device/vif/0/mac")).containsExactly("ok", "17", "fe:e1:ba:d0:27:0f");
        assertThat(ask("read", "3", "device")).containsExactly("ok", "7", "vif\\nvbd");
        assertThat(ask("list", "3", "device/vif/0")).containsExactly("ok", "mac|state");
    }

    @Test
    void aMissingKeyIsNotFound() throws IOException {
        assertThat(ask("read", "3", "no/such/key")).containsExactly("err", "ENOENT",
                "PVBUSIOC_KVREAD on /dev/pvbus3 for \"no/such/key\": No such file or directory");
    }

    @Test
    void aValueLargerThanTheFirstBufferIsReadAgainWithADoubledOne() throws IOException {
        assertThat(ask("readonce", "3", "data/big", "-1", "4096")[1]).isEqualTo("ERANGE");
        String[] big = ask("read", "3", "data/big");
        assertThat(big[0]).isEqualTo("ok");
        assertThat(big[1]).isEqualTo("6000");
        assertThat(big[2]).startsWith("abcdefghijklmnopqrstuvwxyzabc").hasSize(6000);
    }

    @Test
    void aValueLargerThan64KiBStaysOutOfRange() throws IOException {
        assertThat(ask("read", "3", "data/huge")[1]).isEqualTo("ERANGE");
    }

    @Test
    void aWriteThroughTheReadOnlyDescriptorIsRefusedAndChangesNothing() throws IOException {
        assertThat(ask("writero", "3", "data/refused", "x")).containsExactly("err", "EPERM",
                "PVBUSIOC_KVWRITE on /dev/pvbus3 for \"data/refused\": Operation not permitted");
        assertThat(ask("read", "3", "data/refused")[1]).isEqualTo("ENOENT");
    }

    @Test
    void aXenWriteReturnsNothingAndReadsBack() throws IOException {
        assertThat(ask("write", "3", "data/colour", "blue")).containsExactly("ok", "0", "");
        assertThat(ask("read", "3", "data/colour")).containsExactly("ok", "4", "blue");
        assertThat(ask("list", "3", "data")).containsExactly("ok", "big|huge|colour");
    }

    @Test
    void aHyperVWriteReturnsTheStoredValueAndPoolsListWithASlash() throws IOException {
        assertThat(ask("write", "1", "Guest/MyKey", "hello")).containsExactly("ok", "5", "hello");
        assertThat(ask("list", "1", "Auto")).containsExactly("ok", "OSName|OSVersion");
        assertThat(ask("read", "1", "Guest/MyKey")).containsExactly("ok", "5", "hello");
    }

    @Test
    void vmwareHasNoListingAndRejectsUnknownKeys() throws IOException {
        assertThat(ask("read", "2", "guestinfo.hostname")).containsExactly("ok", "18", "vm-111.example.com");
        assertThat(ask("read", "2", "guestinfo.nosuch")[1]).isEqualTo("EINVAL");
        assertThat(ask("list", "2", "guestinfo")[1]).isEqualTo("EOPNOTSUPP");
    }

    @Test
    void onlyTheExactRequestNumbersAreUnderstood() throws IOException {
        // The agent's own constant is recognised...
        assertThat(ask("raw", "3", Long.toHexString(PvbusIoctl.PVBUSIOC_TYPE))).containsExactly("ok", "null");
        // ...an unknown number, the i386 struct size and a sign-extended number are not.
        assertThat(ask("raw", "3", "c0205604")).containsExactly("ok", "ENOTTY");
        assertThat(ask("raw", "3", "c0105603")).containsExactly("ok", "ENOTTY");
        assertThat(ask("raw", "3", "ffffffffc0205603")).containsExactly("ok", "ENOTTY");
    }

    @Test
    void liveDetectionFlagsADmesgThatNamesOtherUnits() throws IOException {
        String root = FakeRoots.path("openbsd-kvm-hyperv").toString();

        assertThat(ask("detect", root)).containsExactly("ok",
                "0:KVM:-:pvbus-ioctl:3,1:Hyper-V:6.1:pvbus-ioctl:3,2:VMware:-:pvbus-ioctl:1,3:Xen:-:pvbus-ioctl:1",
                "conflicts=1");
    }
}
