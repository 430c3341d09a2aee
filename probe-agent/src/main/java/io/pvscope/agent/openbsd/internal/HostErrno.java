package io.pvscope.agent.openbsd.internal;

import com.sun.jna.Platform;
import io.pvscope.agent.kv.Errno;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names the errno a system call set, by the numbering of the system we run on: OpenBSD's own on OpenBSD,
 * Linux's where the ABI is exercised in tests (EAGAIN is 35 on one and 11 on the other).
 */
final class HostErrno {

    private static final Map<Integer, Errno> LINUX = new HashMap<>();

    static {
        linux(Errno.EPERM, 1);
        linux(Errno.ENOENT, 2);
        linux(Errno.EIO, 5);
        linux(Errno.ENXIO, 6);
        linux(Errno.E2BIG, 7);
        linux(Errno.EAGAIN, 11);
        linux(Errno.ENOMEM, 12);
        linux(Errno.EACCES, 13);
        linux(Errno.EFAULT, 14);
        linux(Errno.EBUSY, 16);
        linux(Errno.EEXIST, 17);
        linux(Errno.ENODEV, 19);
        linux(Errno.EISDIR, 21);
        linux(Errno.EINVAL, 22);
        linux(Errno.ENOTTY, 25);
        linux(Errno.ENOSPC, 28);
        linux(Errno.EROFS, 30);
        linux(Errno.ERANGE, 34);
        linux(Errno.ENAMETOOLONG, 36);
        linux(Errno.ENOSYS, 38);
        linux(Errno.ENOTEMPTY, 39);
        linux(Errno.EMSGSIZE, 90);
        linux(Errno.EOPNOTSUPP, 95);
        linux(Errno.EISCONN, 106);
        linux(Errno.ETIMEDOUT, 110);
    }

    private HostErrno() {
    }

    private static void linux(Errno errno, int number) {
        LINUX.put(number, errno);
    }

    static Optional<Errno> of(int number) {
        if (Platform.isLinux()) {
            return Optional.ofNullable(LINUX.get(number));
        }
        for (Errno errno : Errno.values()) {
            if (errno.openbsdNumber() == number) {
                return Optional.of(errno);
            }
        }
        return Optional.empty();
    }
}
