package io.pvscope.agent.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The four registers one CPUID leaf returns. */
public record CpuidRegisters(int eax, int ebx, int ecx, int edx) {

    public static final CpuidRegisters ZERO = new CpuidRegisters(0, 0, 0, 0);

    /** Decodes the 16 bytes the kernel's cpuid device returns: EAX, EBX, ECX, EDX, little-endian. */
    public static CpuidRegisters fromDeviceBytes(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new CpuidRegisters(le.getInt(), le.getInt(), le.getInt(), le.getInt());
    }

    /** The 12 raw bytes of a hypervisor signature: EBX, ECX, EDX in that order, little-endian. */
    public byte[] signatureBytes() {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(ebx).putInt(ecx).putInt(edx).array();
    }

    /** The signature as text, trailing NULs trimmed (only meaningful when printable). */
    public String signature() {
        byte[] raw = signatureBytes();
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    }
}
