package io.pvscope.agent.openbsd.internal;

import com.sun.jna.NativeLong;

/**
 * The pvbus(4) ioctl requests, computed as OpenBSD's headers compute them rather than copied as numbers,
 * so they follow the structure's size (0xC0205601... on LP64, 0xC0105601... on ILP32).
 */
public final class PvbusIoctl {

    // sys/sys/ioccom.h: direction in the top bits, parameter length in bits 16-28, group, number.
    private static final long IOC_OUT = 0x40000000L;
    private static final long IOC_IN = 0x80000000L;
    private static final long IOC_INOUT = IOC_IN | IOC_OUT;
    private static final long IOCPARM_MASK = 0x1fff;

    /** sizeof(struct pvbus_req) as the platform lays it out. */
    public static final int REQUEST_SIZE = new PvbusRequest().size();

    // sys/dev/pv/pvvar.h
    public static final long PVBUSIOC_KVREAD = iowr('V', 1, REQUEST_SIZE);
    public static final long PVBUSIOC_KVWRITE = iowr('V', 2, REQUEST_SIZE);
    public static final long PVBUSIOC_TYPE = iowr('V', 3, REQUEST_SIZE);
    /** pvbus(4) documents the TYPE request under this name; the header and the kernel spell it PVBUSIOC_TYPE. */
    public static final long PVBUSIOC_KVTYPE = PVBUSIOC_TYPE;

    private PvbusIoctl() {
    }

    /** {@code _IOWR(group, number, type)}: the kernel copies the structure in and back out. */
    static long iowr(char group, int number, int size) {
        return IOC_INOUT | ((size & IOCPARM_MASK) << 16) | ((long) group << 8) | number;
    }

    /**
     * The request as ioctl(2) takes it: an unsigned long. Passed as an int, 0xC0205601 would be
     * sign-extended to 0xFFFFFFFFC0205601 on LP64, which the kernel does not know.
     */
    static NativeLong argument(long request) {
        return new NativeLong(request, true);
    }

    /** The request's name, for messages. */
    static String name(long request) {
        if (request == PVBUSIOC_KVREAD) {
            return "PVBUSIOC_KVREAD";
        } else if (request == PVBUSIOC_KVWRITE) {
            return "PVBUSIOC_KVWRITE";
        } else if (request == PVBUSIOC_TYPE) {
            return "PVBUSIOC_TYPE";
        }
        return String.format("ioctl 0x%x", request);
    }
}
