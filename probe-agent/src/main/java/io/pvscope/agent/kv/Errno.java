package io.pvscope.agent.kv;

/**
 * The errors a key/value operation can end with, named and numbered as OpenBSD's errno(2), with the text
 * its strerror(3) prints (hostctl shows it as {@code hostctl: ioctl: <text>}).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "Device not configured"),
    E2BIG(7, "Argument list too long"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "Operation not supported by device"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ENOSPC(28, "No space left on device"),
    EROFS(30, "Read-only file system"),
    ERANGE(34, "Result too large"),
    EAGAIN(35, "Resource temporarily unavailable"),
    EMSGSIZE(40, "Message too long"),
    EOPNOTSUPP(45, "Operation not supported"),
    EISCONN(56, "Socket is already connected"),
    ETIMEDOUT(60, "Operation timed out"),
    ENAMETOOLONG(63, "File name too long"),
    ENOTEMPTY(66, "Directory not empty"),
    ENOSYS(78, "Function not implemented");

    private final int openbsdNumber;
    private final String text;

    Errno(int openbsdNumber, String text) {
        this.openbsdNumber = openbsdNumber;
        this.text = text;
    }

    /** The number OpenBSD uses (what an ioctl on /dev/pvbusN would set errno to). */
    public int openbsdNumber() {
        return openbsdNumber;
    }

    /** OpenBSD's strerror(3) text. */
    public String text() {
        return text;
    }

    /** The errno named by a string such as XenStore's "ENOENT"; EOPNOTSUPP for a name we do not know, as xs_kvop does. */
    public static Errno byName(String name) {
        for (Errno errno : values()) {
            if (errno.name().equals(name)) {
                return errno;
            }
        }
        return EOPNOTSUPP;
    }
}
