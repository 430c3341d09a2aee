package io.pvscope.testsupport.xenstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The folder a shimmed daemon lives in, standing in for what Xen gives dom0: {@code xsd_port} and
 * {@code xsd_kva} (dom0's event-channel port and ring page, which the shim redirects /proc/xen's to),
 * {@code evtchn} (the FIFO a test writes a port into to kick the daemon), {@code ring-<domid>} (guests' ring
 * pages), the daemon's socket, and its output, log and trace.
 */
final class XenstoredDirectory {

    /** dom0's event-channel port, without a newline: oxenstored wants none. */
    static final int DOM0_PORT = 2;
    /** sun_path's size: a longer socket path cannot be bound or connected to. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private XenstoredDirectory() {
    }

    /** Fills {@code dir} (made if missing) with what the shim reads; stale files of an earlier run go. */
    static void prepare(Path dir) throws IOException, InterruptedException {
        int length = socket(dir).toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("the daemon's socket path would be " + length
                    + " bytes, over the " + MAX_SOCKET_PATH_BYTES + " a Unix socket allows: " + socket(dir));
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("xsd_port"), Integer.toString(DOM0_PORT));
        Files.write(dir.resolve("xsd_kva"), new byte[4096]);
        Files.deleteIfExists(eventChannel(dir));
        Process mkfifo = new ProcessBuilder("mkfifo", eventChannel(dir).toString()).redirectErrorStream(true).start();
        String out = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + eventChannel(dir) + " failed: " + out);
        }
    }

    static Path socket(Path dir) {
        return dir.resolve("socket");
    }

    static Path eventChannel(Path dir) {
        return dir.resolve("evtchn");
    }

    static Path daemonOutput(Path dir) {
        return dir.resolve("daemon.out");
    }

    /** cxenstored's -T trace, or oxenstored's access log: every request the daemon saw. */
    static List<Path> traces(Path dir) {
        return List.of(dir.resolve("trace"), dir.resolve("access.log"));
    }

    /** What the daemon wrote to stdout/stderr and, for oxenstored, its log. */
    static String output(Path dir) {
        StringBuilder out = new StringBuilder();
        for (Path file : List.of(daemonOutput(dir), dir.resolve("xenstored.log"))) {
            try {
                out.append(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Not every daemon writes every file.
            }
        }
        return out.toString();
    }
}
