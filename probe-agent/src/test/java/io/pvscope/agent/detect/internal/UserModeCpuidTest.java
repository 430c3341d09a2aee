package io.pvscope.agent.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.detect.CpuidRegisters;
import io.pvscope.agent.detect.CpuidSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Runs the real instruction and checks it against what the kernel reports of the same CPU. */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class UserModeCpuidTest {

    @Test
    void vendorStringOfLeafZeroMatchesProcCpuinfo() throws Exception {
        CpuidSource cpuid = UserModeCpuid.open().source().orElseThrow();
        CpuidRegisters leaf0 = cpuid.read(0);

        // Leaf 0's vendor is EBX, EDX, ECX (not the hypervisor order EBX, ECX, EDX).
        String vendor = new String(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(leaf0.ebx()).putInt(leaf0.edx()).putInt(leaf0.ecx()).array(), StandardCharsets.US_ASCII);
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assertThat(cpuinfo).contains("vendor_id\t: " + vendor);
    }

    @Test
    void hypervisorBitMatchesTheKernelsFlag() throws Exception {
        CpuidSource cpuid = UserModeCpuid.open().source().orElseThrow();
        boolean bit = (cpuid.read(1).ecx() & (1 << 31)) != 0;
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assumeTrue(cpuinfo.contains(" flags") || cpuinfo.contains("flags\t"), "cpuinfo lists flags");

        assertThat(cpuinfo.matches("(?s).*flags\\s*:[^\\n]* hypervisor( [^\\n]*)?\\n.*")).isEqualTo(bit);
    }
}
