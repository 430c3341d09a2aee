package io.pvscope.agent.openbsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** The Java side of the ABI against OpenBSD's published amd64 numbers; PvbusShimTest checks it against C. */
class PvbusIoctlTest {

    @Test
    void requestIsFourWordsWithTheLengthsFirst() {
        assumeTrue(Native.POINTER_SIZE == 8, "the amd64 numbers need an LP64 JVM");
        PvbusRequest request = new PvbusRequest();

        assertThat(request.size()).isEqualTo(32);
        assertThat(request.offsetOf("keylen")).isZero();
        assertThat(request.offsetOf("key")).isEqualTo(8);
        assertThat(request.offsetOf("valuelen")).isEqualTo(16);
        assertThat(request.offsetOf("value")).isEqualTo(24);
    }

    @Test
    void requestsAreOpenBsdsAmd64Numbers() {
        assumeTrue(Native.POINTER_SIZE == 8, "the amd64 numbers need an LP64 JVM");

        assertThat(PvbusIoctl.PVBUSIOC_KVREAD).isEqualTo(0xC0205601L);
        assertThat(PvbusIoctl.PVBUSIOC_KVWRITE).isEqualTo(0xC0205602L);
        assertThat(PvbusIoctl.PVBUSIOC_TYPE).isEqualTo(0xC0205603L);
        assertThat(PvbusIoctl.PVBUSIOC_KVTYPE).isEqualTo(PvbusIoctl.PVBUSIOC_TYPE);
    }

    @Test
    void ilp32SizeGivesTheI386Numbers() {
        assertThat(PvbusIoctl.iowr('V', 1, 16)).isEqualTo(0xC0105601L);
    }

    @Test
    void theRequestArgumentIsNotSignExtended() {
        assertThat(PvbusIoctl.argument(PvbusIoctl.PVBUSIOC_TYPE).longValue())
                .isEqualTo(PvbusIoctl.PVBUSIOC_TYPE)
                .isPositive();
    }
}
