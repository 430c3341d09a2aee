package io.pvscope.agent.openbsd.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * open(2), ioctl(2), close(2). Bound through the process's global symbol scope rather than a handle on
 * libc, so the calls resolve as a C program's would (an LD_PRELOADed library is honoured).
 */
interface PvbusLibC extends Library {

    PvbusLibC INSTANCE = Native.load(null, PvbusLibC.class);

    /** Same on OpenBSD and Linux. */
    int O_RDONLY = 0;
    int O_RDWR = 2;

    int open(String path, int flags) throws LastErrorException;

    int ioctl(int fd, NativeLong request, PvbusRequest argument) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
