package io.pvscope.agent.detect.internal;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls detection needs, called through JNA's functions directly: a library interface would be
 * a dynamic proxy, with JNA's reflective call mapping behind it, for three calls made once per process.
 */
final class NativeLibC {

    private static final NativeLibrary LIBC = load();

    private NativeLibC() {
    }

    static Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset) {
        return LIBC.getFunction("mmap").invokePointer(new Object[] {address, length, protection, flags, fd, offset});
    }

    static int mprotect(Pointer address, long length, int protection) {
        return LIBC.getFunction("mprotect").invokeInt(new Object[] {address, length, protection});
    }

    static int munmap(Pointer address, long length) {
        return LIBC.getFunction("munmap").invokeInt(new Object[] {address, length});
    }

    /**
     * The C library the JVM already runs on, by its own name (JNA then takes the process's handle): no file
     * search. Unless told the system's library directories, JNA would still list them once per process by
     * running {@code ldconfig -p}, a process start for a list that loading the C library has no use for.
     */
    private static NativeLibrary load() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
    }
}
