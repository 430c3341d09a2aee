package io.pvscope.agent.detect.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls detection needs. */
interface NativeLibC extends Library {

    NativeLibC INSTANCE = load();

    Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset);

    int mprotect(Pointer address, long length, int protection);

    int munmap(Pointer address, long length);

    /**
     * The C library the JVM already runs on, by its own name (JNA then takes the process's handle): no file
     * search. Unless told the system's library directories, JNA would still list them once per process by
     * running {@code ldconfig -p}, a process start for a list that loading the C library has no use for.
     */
    private static NativeLibC load() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        return Native.load(Platform.C_LIBRARY_NAME, NativeLibC.class);
    }
}
