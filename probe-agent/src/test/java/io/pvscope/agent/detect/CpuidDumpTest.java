package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuidDumpTest {

    @Test
    void keepsSubleafZeroOfTheFirstCpuOnly() {
        CpuidDump dump = CpuidDump.parse("test", List.of(
                "CPU 0:",
                "   0x00000004 0x00: eax=0x04000121 ebx=0x02c0003f ecx=0x0000003f edx=0x00000000",
                "   0x00000004 0x01: eax=0x04000122 ebx=0x03c0003f ecx=0x0000003f edx=0x00000000",
                "   0x40000000 0x00: eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x0000004d",
                "CPU 1:",
                "   0x40000000 0x00: eax=0x40000001 ebx=0x7263694d ecx=0x666f736f edx=0x76482074"));

        assertThat(dump.read(4)).isEqualTo(new CpuidRegisters(0x04000121, 0x02c0003f, 0x3f, 0));
        assertThat(dump.read(0x40000000).signature()).isEqualTo("KVMKVMKVM");
    }

    @Test
    void unlistedLeafReadsAsZerosAndNoiseIsIgnored() {
        CpuidDump dump = CpuidDump.parse("test", List.of(
                "cpuid: reading cpuid file at offset 0x100000012 produced duplicate results",
                "   0xzz 0x00: eax=nonsense",
                "   0x00000001 0x00: eax=0x000a0671 ebx=0x00020800 ecx=0xfffa3203 edx=0x1f8bfbff"));

        assertThat(dump.read(0x40000000)).isEqualTo(CpuidRegisters.ZERO);
        assertThat(dump.read(1).ecx()).isEqualTo(0xfffa3203);
    }

    @Test
    void signatureIsEbxEcxEdxLittleEndianWithNulsTrimmed() {
        CpuidRegisters registers = new CpuidRegisters(0, 0x7263694d, 0x666f736f, 0x76482074);

        assertThat(registers.signature()).isEqualTo("Microsoft Hv");
        assertThat(new CpuidRegisters(0, 0x4b4d564b, 0x564b4d56, 0x4d).signatureBytes())
                .containsExactly('K', 'V', 'M', 'K', 'V', 'M', 'K', 'V', 'M', 0, 0, 0);
    }
}
