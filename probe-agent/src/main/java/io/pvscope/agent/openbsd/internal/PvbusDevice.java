package io.pvscope.agent.openbsd.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code /dev/pvbusN}: its hypervisor's name and key/value operations, done as hostctl(8) does them.
 * The device is opened read-only for each operation and read-write only to write, because the kernel
 * refuses a write on a descriptor opened without FWRITE (EPERM). Thread-safe: nothing is kept open.
 */
public final class PvbusDevice {

    /** hostctl's first buffer size; reads double it on ERANGE up to the kernel's PVBUS_KVOP_MAXSIZE. */
    static final int FIRST_BUFFER = 4096;
    public static final int PVBUS_KVOP_MAXSIZE = 64 * 1024;
    /** Room for every name the kernel knows ("Hyper-V", "OpenBSD"...) and some it may learn. */
    static final int TYPE_BUFFER = 64;

    private final String path;

    public PvbusDevice(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** PVBUSIOC_TYPE: the hypervisor behind this device ("KVM", "Xen"...). Works without a KV backend. */
    public String type() throws StoreException {
        return type(TYPE_BUFFER);
    }

    /** TYPE with a key buffer of {@code keySize} bytes; the kernel answers ENOMEM when the name does not fit. */
    String type(int keySize) throws StoreException {
        Memory key = zeroed(keySize);
        PvbusRequest request = new PvbusRequest();
        request.keylen = new SizeT(keySize);
        request.key = key;
        call(PvbusLibC.O_RDONLY, PvbusIoctl.PVBUSIOC_TYPE, request, "");
        return key.getString(0, StandardCharsets.UTF_8.name());
    }

    /**
     * PVBUSIOC_KVREAD. Where the driver lists (a XenStore directory, a Hyper-V "Pool/"), the value is the
     * children's names joined by "\n". A value that does not fit is read again with twice the buffer, up
     * to 64 KiB, as hostctl does; the kernel does not report the size it needs.
     */
    public byte[] read(String key) throws StoreException {
        int size = FIRST_BUFFER;
        while (true) {
            try {
                return read(key, size);
            } catch (StoreException e) {
                if (e.errno() != Errno.ERANGE || size >= PVBUS_KVOP_MAXSIZE) {
                    throw e;
                }
                size *= 2;
            }
        }
    }

    /** One KVREAD with a value buffer of {@code valueSize} bytes. */
    byte[] read(String key, int valueSize) throws StoreException {
        return read(key, -1, valueSize);
    }

    /** One KVREAD claiming a key buffer of {@code keylen} bytes (-1: the key's own length with its NUL). */
    byte[] read(String key, long keylen, int valueSize) throws StoreException {
        Memory value = zeroed(Math.max(valueSize, 1));
        PvbusRequest request = keyRequest(key);
        if (keylen >= 0) {
            request.keylen = new SizeT(keylen);
        }
        request.valuelen = new SizeT(valueSize);
        request.value = value;
        call(PvbusLibC.O_RDONLY, PvbusIoctl.PVBUSIOC_KVREAD, request, key);
        return untilNul(value);
    }

    /**
     * PVBUSIOC_KVWRITE on a descriptor opened read-write for this write only. Returns what the driver left
     * in the value buffer: Hyper-V leaves the stored value, XenStore and VMware leave it empty.
     */
    public byte[] write(String key, byte[] value) throws StoreException {
        return write(key, value, PvbusLibC.O_RDWR);
    }

    /** KVWRITE through a descriptor opened with {@code openFlags}. */
    byte[] write(String key, byte[] value, int openFlags) throws StoreException {
        if (indexOfNul(value) >= 0) {
            throw new StoreException(Errno.EINVAL, path + ": a value cannot hold NUL: the driver would cut it there");
        }
        // As hostctl: at least 4096 bytes, so that what the driver writes back has room.
        int size = Math.max(value.length + 1, FIRST_BUFFER);
        Memory buffer = zeroed(size);
        buffer.write(0, value, 0, value.length);
        PvbusRequest request = keyRequest(key);
        request.valuelen = new SizeT(size);
        request.value = buffer;
        call(openFlags, PvbusIoctl.PVBUSIOC_KVWRITE, request, key);
        return untilNul(buffer);
    }

    /** Any request with a zeroed 4096-byte key and value, to see how the device answers an unknown one. */
    Errno rawRequest(long ioctlRequest) {
        PvbusRequest request = new PvbusRequest();
        request.keylen = new SizeT(FIRST_BUFFER);
        request.key = zeroed(FIRST_BUFFER);
        request.valuelen = new SizeT(FIRST_BUFFER);
        request.value = zeroed(FIRST_BUFFER);
        try {
            call(PvbusLibC.O_RDONLY, ioctlRequest, request, "");
            return null;
        } catch (StoreException e) {
            return e.errno();
        }
    }

    /** A request with the key, NUL-terminated, and keylen counting the NUL as the kernel expects. */
    private PvbusRequest keyRequest(String key) throws StoreException {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (indexOfNul(bytes) >= 0) {
            throw new StoreException(Errno.EINVAL, path + ": a key cannot hold NUL: the kernel would cut it there");
        }
        Memory buffer = zeroed(bytes.length + 1);
        buffer.write(0, bytes, 0, bytes.length);
        PvbusRequest request = new PvbusRequest();
        request.keylen = new SizeT(bytes.length + 1);
        request.key = buffer;
        return request;
    }

    private void call(int openFlags, long ioctlRequest, PvbusRequest request, String key) throws StoreException {
        int fd;
        try {
            fd = PvbusLibC.INSTANCE.open(path, openFlags);
        } catch (LastErrorException e) {
            throw failure(e, "open: " + path);
        }
        try {
            PvbusLibC.INSTANCE.ioctl(fd, PvbusIoctl.argument(ioctlRequest), request);
        } catch (LastErrorException e) {
            throw failure(e, PvbusIoctl.name(ioctlRequest) + " on " + path + (key.isEmpty() ? "" : " for \"" + key + "\""));
        } finally {
            try {
                PvbusLibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // Nothing was written through this descriptor that close could lose.
            }
        }
    }

    private static StoreException failure(LastErrorException e, String what) {
        int number = e.getErrorCode();
        return HostErrno.of(number)
                .map(errno -> new StoreException(errno, what + ": " + errno.text()))
                .orElseGet(() -> new StoreException(Errno.EIO, what + ": errno " + number));
    }

    private static Memory zeroed(int size) {
        Memory memory = new Memory(size);
        memory.clear();
        return memory;
    }

    private static byte[] untilNul(Memory buffer) {
        byte[] bytes = buffer.getByteArray(0, (int) buffer.size());
        int end = indexOfNul(bytes);
        return end < 0 ? bytes : Arrays.copyOf(bytes, end);
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
