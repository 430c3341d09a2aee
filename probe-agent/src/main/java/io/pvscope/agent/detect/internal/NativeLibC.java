package io.pvscope.agent.detect.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls detection needs. */
interface NativeLibC extends Library {

    NativeLibC INSTANCE = Native.load("c", NativeLibC.class);

    Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset);

    int mprotect(Pointer address, long length, int protection);

    int munmap(Pointer address, long length);
}
