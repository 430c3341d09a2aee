package io.pvscope.bench.xs;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The floor for XenStore work from Java: one blocking unix socket, one request at a time, the xs_wire frame
 * built by hand (16-byte little-endian header, NUL-terminated strings) and the reply read on the calling
 * thread. No reader thread, no futures, no reconnects: what the agent adds on top is what is measured.
 */
public final class XsWire implements AutoCloseable {

    static final int READ = 2;
    static final int WATCH = 4;
    static final int WRITE = 11;
    static final int WATCH_EVENT = 15;
    static final int ERROR = 16;

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private int reqId;

    private XsWire(SocketChannel channel) {
        this.channel = channel;
    }

    public static XsWire connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new XsWire(channel);
    }

    public byte[] read(String path) throws IOException {
        return call(READ, terminated(path));
    }

    public void write(String path, byte[] value) throws IOException {
        byte[] key = terminated(path);
        byte[] payload = new byte[key.length + value.length];
        System.arraycopy(key, 0, payload, 0, key.length);
        System.arraycopy(value, 0, payload, key.length, value.length);
        call(WRITE, payload);
    }

    /** Registers a watch; the daemon's initial event is consumed here. */
    public void watch(String path, String token) throws IOException {
        call(WATCH, join(terminated(path), terminated(token)));
        nextEventPath();
    }

    /** Blocks until the next WATCH_EVENT and returns the path it names. */
    public String nextEventPath() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.type == WATCH_EVENT) {
                int nul = 0;
                while (nul < frame.payload.length && frame.payload[nul] != 0) {
                    nul++;
                }
                return new String(frame.payload, 0, nul, StandardCharsets.UTF_8);
            }
        }
    }

    private byte[] call(int type, byte[] payload) throws IOException {
        int id = ++reqId;
        ByteBuffer frame = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(type).putInt(id).putInt(0).putInt(payload.length).put(payload).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        while (true) {
            Frame reply = readFrame();
            if (reply.type == WATCH_EVENT) {
                continue;
            }
            if (reply.type == ERROR) {
                throw new IOException("xenstored: " + new String(reply.payload, StandardCharsets.UTF_8).trim());
            }
            return reply.payload;
        }
    }

    private record Frame(int type, byte[] payload) {
    }

    private Frame readFrame() throws IOException {
        header.clear();
        fill(header);
        header.flip();
        int type = header.getInt();
        header.getInt();
        header.getInt();
        int length = header.getInt();
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload);
        return new Frame(type, payload.array());
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("xenstored closed the connection");
            }
        }
    }

    private static byte[] terminated(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
