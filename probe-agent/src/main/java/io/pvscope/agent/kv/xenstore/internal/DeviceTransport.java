package io.pvscope.agent.kv.xenstore.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A guest's {@code /dev/xen/xenbus}: the kernel relays the same framing over the domain's ring. Streams on one
 * descriptor rather than a FileChannel, whose position lock would hold every write behind the blocked read.
 * Closing does not wake a read blocked in the kernel; the reader thread is a daemon thread and ends with the
 * next message or the process.
 */
public final class DeviceTransport implements XsTransport {

    private final RandomAccessFile file;
    private final FileInputStream in;
    private final FileOutputStream out;

    private DeviceTransport(RandomAccessFile file) throws IOException {
        this.file = file;
        this.in = new FileInputStream(file.getFD());
        this.out = new FileOutputStream(file.getFD());
    }

    public static DeviceTransport open(Path device) throws IOException {
        RandomAccessFile file = new RandomAccessFile(device.toFile(), "rw");
        try {
            return new DeviceTransport(file);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (into.hasArray()) {
            // At most 8 KiB: the JDK reads up to that much through a stack buffer, more through a malloc per read.
            int n = in.read(into.array(), into.arrayOffset() + into.position(), Math.min(into.remaining(), 8192));
            if (n > 0) {
                into.position(into.position() + n);
            }
            return n;
        }
        byte[] chunk = new byte[into.remaining()];
        int n = in.read(chunk);
        if (n > 0) {
            into.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer from) throws IOException {
        // The kernel wants a whole message per write.
        byte[] bytes = new byte[from.remaining()];
        from.get(bytes);
        out.write(bytes);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
