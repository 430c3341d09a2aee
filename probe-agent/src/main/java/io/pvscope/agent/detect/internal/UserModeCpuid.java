package io.pvscope.agent.detect.internal;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.pvscope.agent.detect.CpuidRegisters;
import io.pvscope.agent.detect.CpuidSource;
import java.io.IOException;
import java.util.Optional;

/**
 * Runs the CPUID instruction itself, in user mode, from a small executable page called through JNA. On
 * nested or paravirtualised guests this view can differ from the kernel's, which is why both are reported.
 * x86-64 Linux only; anything that fails (no JNA native, W^X policy) makes it unavailable, never fatal.
 */
public final class UserModeCpuid implements CpuidSource {

    /**
     * {@code void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])} in the System V AMD64 ABI:
     * push rbx; mov eax,edi; mov ecx,esi; mov r8,rdx; cpuid; mov [r8],eax; mov [r8+4],ebx;
     * mov [r8+8],ecx; mov [r8+12],edx; pop rbx; ret. RBX is callee-saved, hence the push/pop.
     */
    private static final byte[] CODE = {
        0x53,
        (byte) 0x89, (byte) 0xf8,
        (byte) 0x89, (byte) 0xf1,
        0x49, (byte) 0x89, (byte) 0xd0,
        0x0f, (byte) 0xa2,
        0x41, (byte) 0x89, 0x00,
        0x41, (byte) 0x89, 0x58, 0x04,
        0x41, (byte) 0x89, 0x48, 0x08,
        0x41, (byte) 0x89, 0x50, 0x0c,
        0x5b,
        (byte) 0xc3,
    };

    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int PROT_EXEC = 4;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final long PAGE = 4096;

    private final Function function;

    private UserModeCpuid(Function function) {
        this.function = function;
    }

    /** The user-mode view, or why there is none. */
    public static Availability open() {
        if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit()) {
            return Availability.unavailable("user-mode CPUID is only run on x86-64 Linux");
        }
        try {
            Pointer page = NativeLibC.mmap(null, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (page == null || Pointer.nativeValue(page) == -1L) {
                return Availability.unavailable("mmap failed: errno " + Native.getLastError());
            }
            page.write(0, CODE, 0, CODE.length);
            // Write, then execute: never both at once.
            if (NativeLibC.mprotect(page, PAGE, PROT_READ | PROT_EXEC) != 0) {
                int errno = Native.getLastError();
                NativeLibC.munmap(page, PAGE);
                return Availability.unavailable("mprotect(PROT_EXEC) refused: errno " + errno);
            }
            return Availability.of(new UserModeCpuid(Function.getFunction(page)));
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("JNA not usable: " + e);
        }
    }

    @Override
    public CpuidRegisters read(int leaf) throws IOException {
        // JNA copies an array argument back after the call.
        int[] out = new int[4];
        try {
            function.invoke(Void.class, new Object[] {leaf, 0, out});
            return new CpuidRegisters(out[0], out[1], out[2], out[3]);
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("user-mode CPUID failed: " + e, e);
        }
    }

    @Override
    public String description() {
        return "CPUID instruction in user mode";
    }

    /** The page is kept for the life of the process: it is 4 KiB and detection runs again later. */
    @Override
    public void close() {
    }

    /** A user-mode CPUID source if one could be made, otherwise the reason. */
    public record Availability(Optional<CpuidSource> source, String reason) {

        public static Availability of(CpuidSource source) {
            return new Availability(Optional.of(source), "");
        }

        public static Availability unavailable(String reason) {
            return new Availability(Optional.empty(), reason);
        }
    }
}
