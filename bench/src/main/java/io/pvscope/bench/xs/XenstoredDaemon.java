package io.pvscope.bench.xs;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real cxenstored, run without Xen the way the agent's tests run it: an LD_PRELOAD shim (the tests'
 * own C source, compiled here with gcc) answers its hypervisor calls, and its socket lives in a private
 * directory named by XENSTORED_PATH, which Xen's clients honour too.
 */
public final class XenstoredDaemon implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/lib/xen-4.17/bin/xenstored");

    private final Path dir;
    private final Process process;

    private XenstoredDaemon(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    public static XenstoredDaemon start(Path shimSource, Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException(BINARY + " is missing: install xen-utils-4.17 xen-utils-common xenstore-utils");
        }
        Files.createDirectories(dir);
        Path shim = dir.resolve("libxenstored_shim.so");
        run(List.of("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), shimSource.toString(), "-ldl"));
        // dom0's event-channel port and an all-zero ring page: no ring traffic, only the socket is used.
        Files.writeString(dir.resolve("xsd_port"), "2");
        Files.write(dir.resolve("xsd_kva"), new byte[4096]);
        Files.deleteIfExists(dir.resolve("evtchn"));
        run(List.of("mkfifo", dir.resolve("evtchn").toString()));
        Path socket = dir.resolve("socket");
        Files.deleteIfExists(socket);
        // No trace file (-T): tracing every request would make the daemon, the common peer, the bottleneck.
        ProcessBuilder builder = new ProcessBuilder(List.of("env", "LD_PRELOAD=" + shim, BINARY.toString(), "-N"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("XS_SHIM_DIR", dir.toString());
        env.put("XENSTORED_PATH", socket.toString());
        XenstoredDaemon daemon = new XenstoredDaemon(dir, builder.start());
        daemon.awaitSocket();
        return daemon;
    }

    public Path socket() {
        return dir.resolve("socket");
    }

    public long pid() {
        return process.pid();
    }

    private void awaitSocket() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("xenstored exited " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("daemon.out"), StandardCharsets.UTF_8));
            }
            if (Files.exists(socket())) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket()));
                    return;
                } catch (IOException notYet) {
                    // The file appears before the daemon listens.
                }
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IOException("xenstored did not open " + socket() + " within 15 s");
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
