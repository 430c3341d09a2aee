package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCpuidDeviceTest {

    /** A sparse file laid out like the cpuid device: 16 bytes at offset = leaf. */
    private static Path deviceLike(Path dir, int leaf, CpuidRegisters registers) throws IOException {
        Path file = dir.resolve("cpuid");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(registers.eax()).putInt(registers.ebx()).putInt(registers.ecx()).putInt(registers.edx());
            channel.write(bytes.flip(), Integer.toUnsignedLong(leaf));
            // The device answers every leaf: make the following windows readable (as zeros).
            channel.write(ByteBuffer.allocate(1), Integer.toUnsignedLong(leaf) + 0x1000);
        }
        return file;
    }

    @Test
    void readsSixteenBytesAtOffsetLeafAsLittleEndianRegisters(@TempDir Path dir) throws IOException {
        CpuidRegisters kvm = new CpuidRegisters(0x40000001, 0x4b4d564b, 0x564b4d56, 0x4d);
        try (KernelCpuidDevice device = KernelCpuidDevice.open(deviceLike(dir, 0x40000000, kvm))) {
            assertThat(device.read(0x40000000)).isEqualTo(kvm);
            assertThat(HypervisorWindowScan.scan(device)).extracting(HypervisorWindow::signature)
                    .isEqualTo(List.of("KVMKVMKVM"));
        }
    }

    @Test
    void readPastTheEndIsAnError(@TempDir Path dir) throws IOException {
        try (KernelCpuidDevice device = KernelCpuidDevice.open(deviceLike(dir, 0, CpuidRegisters.ZERO))) {
            assertThatThrownBy(() -> device.read(0x2000)).isInstanceOf(IOException.class)
                    .hasMessageContaining("short read");
        }
    }
}
