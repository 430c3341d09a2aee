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
        return bytes(ebx, ecx, edx);
    }

    /**
     * The 12 characters of a vendor string, which leaf 0 ("GenuineIntel") and Intel's TDX leaf 0x21
     * ("IntelTDX    ") spell in EBX, EDX, ECX order, unlike the hypervisor leaves.
     */
    public String vendor() {
        return new String(bytes(ebx, edx, ecx), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int first, int second, int third) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(first).putInt(second).putInt(third)
                .array();
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
