package io.pvscope.agent.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Linux's cpuid(4) device: a positional read of 16 bytes at offset = leaf returns that leaf as the
 * kernel sees it (the view drivers get). The offset's high 32 bits would select a sub-leaf; we use 0.
 */
public final class KernelCpuidDevice implements CpuidSource {

    private final Path path;
    private final FileChannel channel;

    private KernelCpuidDevice(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static KernelCpuidDevice open(Path path) throws IOException {
        return new KernelCpuidDevice(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public CpuidRegisters read(int leaf) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        long offset = Integer.toUnsignedLong(leaf);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + buffer.position());
            if (n < 0) {
                throw new IOException(path + ": short read at leaf 0x" + Integer.toHexString(leaf));
            }
        }
        return CpuidRegisters.fromDeviceBytes(buffer.flip());
    }

    @Override
    public String description() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
