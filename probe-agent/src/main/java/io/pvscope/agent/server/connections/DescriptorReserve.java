package io.pvscope.agent.server.connections;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One descriptor kept open for the moment when there are none left: it is given up to accept the waiting
 * connection and close it at once, so that the peer learns it was refused instead of waiting in a full
 * listen queue, and the acceptor goes on. Taken again right after.
 */
final class DescriptorReserve {

    private static final Path NULL_DEVICE = Path.of("/dev/null");

    private FileChannel reserve;

    DescriptorReserve() {
        take();
    }

    /** Whether {@code e} says that the process (or the system) is out of descriptors. */
    static boolean isExhaustion(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Too many open files");
    }

    /** Accepts the connection waiting on a listener and closes it at once. */
    interface WaitingConnection {
        /** False if none was waiting. */
        boolean acceptAndClose() throws IOException;
    }

    /** Frees the reserve, accepts and closes one waiting connection, takes the reserve again. */
    synchronized boolean refuseOne(WaitingConnection waiting) {
        boolean refused = false;
        close();
        try {
            refused = waiting.acceptAndClose();
        } catch (IOException stillExhausted) {
            // Nothing to do but wait for descriptors to come back.
        }
        take();
        return refused;
    }

    private void take() {
        try {
            reserve = FileChannel.open(NULL_DEVICE, StandardOpenOption.READ);
        } catch (IOException e) {
            reserve = null;
        }
    }

    private void close() {
        if (reserve != null) {
            try {
                reserve.close();
            } catch (IOException e) {
                // Closing /dev/null does not fail in a way that matters here.
            }
            reserve = null;
        }
    }
}
