package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.kv.xenstore.internal.XsSession;
import io.pvscope.agent.kv.xenstore.internal.XsStrings;
import io.pvscope.agent.kv.xenstore.internal.XsTransport;
import io.pvscope.agent.kv.xenstore.internal.XsType;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a Xen guest towards a shimmed daemon: the domain's ring page is a shared file, and the test kicks the
 * daemon by writing the domain's port into the event-channel FIFO. The daemon treats the ring as an
 * unprivileged domain's connection, so its per-node permissions apply, as they do through a guest's
 * /dev/xen/xenbus (whose kernel driver does exactly this ring work).
 */
final class GuestRing implements XsTransport {

    private static final int RING_SIZE = 1024;
    private static final int RSP = 1024;
    private static final int REQ_CONS = 2048;
    private static final int REQ_PROD = 2052;
    private static final int RSP_CONS = 2056;
    private static final int RSP_PROD = 2060;
    private static final VarHandle INDEX = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MAX_PAUSE_NANOS = 1_000_000;

    private final MappedByteBuffer page;
    private final FileChannel kick;
    private final ByteBuffer port;
    private volatile boolean closed;

    private GuestRing(MappedByteBuffer page, FileChannel kick, int port) {
        this.page = page;
        this.kick = kick;
        this.port = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, port);
    }

    /** Introduces domain {@code domid} to the daemon (as the toolstack does) and returns how to reach it as that guest. */
    static XenStoreEndpoint introduce(Xenstored xenstored, int domid) throws Exception {
        Path ring = xenstored.dir().resolve("ring-" + domid);
        Files.write(ring, new byte[4096]);
        int eventPort = 100 + domid;
        try (XsSession dom0 = new XsSession(RealXenstored.endpoint(xenstored).opener(), "dom0", Duration.ofSeconds(5))) {
            dom0.call(XsType.INTRODUCE, 0, XsStrings.terminated(Integer.toString(domid), "0", Integer.toString(eventPort)));
        }
        return new XenStoreEndpoint("ring of domain " + domid,
                () -> open(ring, xenstored.eventChannel(), eventPort));
    }

    private static GuestRing open(Path ring, Path eventFifo, int port) throws IOException {
        try (FileChannel file = FileChannel.open(ring, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer page = file.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
            return new GuestRing(page, FileChannel.open(eventFifo, StandardOpenOption.WRITE), port);
        }
    }

    @Override
    public void write(ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            int cons = (int) INDEX.getAcquire(page, REQ_CONS);
            int prod = (int) INDEX.getAcquire(page, REQ_PROD);
            int space = RING_SIZE - (prod - cons);
            if (space == 0) {
                awaitProgress();
                continue;
            }
            int n = Math.min(space, from.remaining());
            for (int i = 0; i < n; i++) {
                page.put((prod + i) & (RING_SIZE - 1), from.get());
            }
            INDEX.setRelease(page, REQ_PROD, prod + n);
            kick();
        }
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        long pause = 10_000;
        while (!closed) {
            int cons = (int) INDEX.getAcquire(page, RSP_CONS);
            int prod = (int) INDEX.getAcquire(page, RSP_PROD);
            int available = prod - cons;
            if (available > 0) {
                int n = Math.min(available, into.remaining());
                for (int i = 0; i < n; i++) {
                    into.put(page.get(RSP + ((cons + i) & (RING_SIZE - 1))));
                }
                INDEX.setRelease(page, RSP_CONS, cons + n);
                kick(); // the daemon may be waiting for room to finish a long reply
                return n;
            }
            // No interrupt line to wait on: poll the index with a growing, bounded pause.
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        return -1;
    }

    private void awaitProgress() throws IOException {
        if (closed) {
            throw new IOException("ring closed");
        }
        LockSupport.parkNanos(MAX_PAUSE_NANOS);
    }

    private synchronized void kick() throws IOException {
        kick.write(port.duplicate().clear());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        kick.close();
    }
}
