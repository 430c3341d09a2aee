package io.pvscope.agent.kv.xenstore;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real XenStore daemon (cxenstored or oxenstored from Debian's xen-utils) running without Xen, in its own
 * directory: the LD_PRELOAD shim in src/test/c answers its hypervisor calls, and the directory holds its
 * socket, its event-channel FIFO, dom0's ring page and the ring pages of guests a test introduces.
 */
public final class XenstoredProcess implements AutoCloseable {

    public enum Daemon {
        CXENSTORED("/usr/lib/xen-4.17/bin/xenstored"),
        OXENSTORED("/usr/lib/xen-4.17/bin/oxenstored");

        final Path binary;

        Daemon(String binary) {
            this.binary = Path.of(binary);
        }
    }

    /** dom0's event-channel port, as /proc/xen/xsd_port would hold it (without a newline: oxenstored wants none). */
    static final int DOM0_PORT = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final Daemon daemon;
    private final Path dir;
    private Process process;

    private XenstoredProcess(Daemon daemon, Path dir) {
        this.daemon = daemon;
        this.dir = dir;
    }

    /** Starts {@code daemon} in {@code dir}; skips the test (with the reason) where it cannot run here. */
    public static XenstoredProcess start(Daemon daemon, Path dir) throws Exception {
        assumeTrue(Files.isExecutable(daemon.binary),
                daemon.binary + " is missing: install xen-utils-4.17 xen-utils-common xenstore-utils");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xenstore-read")), "xenstore-utils is not installed");
        Path shim = ShimLibrary.path();
        Files.writeString(dir.resolve("xsd_port"), Integer.toString(DOM0_PORT));
        Files.write(dir.resolve("xsd_kva"), new byte[4096]);
        run(List.of("mkfifo", dir.resolve("evtchn").toString()));
        XenstoredProcess xenstored = new XenstoredProcess(daemon, dir);
        xenstored.launch(shim);
        return xenstored;
    }

    public Daemon daemon() {
        return daemon;
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return dir.resolve("socket");
    }

    public XenStoreEndpoint endpoint() {
        return XenStoreEndpoint.socket(socket());
    }

    /** The daemon's stdout/stderr and log so far, for assertion messages. */
    public String output() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("daemon.out", "xenstored.log")) {
            try {
                out.append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Not every daemon writes every file.
            }
        }
        return out.toString();
    }

    private void launch(Path shim) throws Exception {
        Files.deleteIfExists(socket());
        ProcessBuilder builder = new ProcessBuilder(command(shim))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.out").toFile()));
        builder.environment().put("XS_SHIM_DIR", dir.toString());
        builder.environment().put("XENSTORED_PATH", socket().toString());
        process = builder.start();
        awaitSocket();
    }

    private List<String> command(Path shim) throws IOException {
        if (daemon == Daemon.CXENSTORED) {
            return List.of("env", "LD_PRELOAD=" + shim, daemon.binary.toString(), "-N", "-T", dir.resolve("trace").toString());
        }
        // oxenstored's socket path is compiled in: give it a private mount namespace where that path is ours.
        Path config = dir.resolve("oxenstored.conf");
        Files.writeString(config, String.join("\n",
                "pid-file = " + dir.resolve("pid"),
                "xenstored-log-file = " + dir.resolve("xenstored.log"),
                "access-log-file = " + dir.resolve("access.log"),
                "xenstored-kva = " + dir.resolve("xsd_kva"),
                "xenstored-port = " + dir.resolve("xsd_port"),
                "persistent = false",
                "quota-maxsize = 2048",
                ""));
        String script = "mkdir -p /run/xenstored && mount --bind \"$1\" /run/xenstored && shift && exec \"$@\"";
        return List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", dir.toString(),
                "env", "LD_PRELOAD=" + shim, daemon.binary.toString(), "--no-fork", "--config-file", config.toString());
    }

    /** Bounded wait until the daemon accepts connections; skips the test when it cannot start here. */
    private void awaitSocket() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                assumeTrue(false, daemon + " cannot run here (exit " + process.exitValue() + "): " + output());
            }
            if (Files.exists(socket())) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket()));
                    return;
                } catch (IOException notYet) {
                    // The socket file exists before the daemon listens on it.
                }
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        assumeTrue(false, daemon + " did not open " + socket() + " within " + START_TIMEOUT + ": " + output());
    }

    /** SIGKILL: the daemon gets no chance to close its connections cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the daemon again in the same directory, with an empty store (nothing is persisted). */
    public void restart() throws Exception {
        kill();
        launch(ShimLibrary.path());
    }

    /** SIGSTOP / SIGCONT: a daemon that accepts bytes but never answers. */
    public void freeze() throws Exception {
        run(List.of("kill", "-STOP", Long.toString(process.pid())));
    }

    public void thaw() throws Exception {
        run(List.of("kill", "-CONT", Long.toString(process.pid())));
    }

    /** Runs one of Xen's own clients (xenstore-read, -write, -chmod...) against this daemon. */
    public ClientResult client(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("XENSTORED_PATH", socket().toString());
        Process client = builder.start();
        client.getOutputStream().close();
        if (!client.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + CLIENT_TIMEOUT);
        }
        return new ClientResult(client.exitValue(),
                new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** What a client printed; stdout without its final newline, as a shell's $(...) would give it. */
    public record ClientResult(int exitCode, String stdout, String stderr) {
        public String line() {
            return stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The shim, compiled with gcc once per test run into target/. */
    static final class ShimLibrary {
        private static Path built;

        static synchronized Path path() throws Exception {
            if (built == null) {
                Path source = Path.of("src/test/c/xenstored_shim.c").toAbsolutePath();
                Path library = Path.of("target/xenstored-shim/libxenstored_shim.so").toAbsolutePath();
                Files.createDirectories(library.getParent());
                List<String> gcc = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                        "-o", library.toString(), source.toString(), "-ldl"));
                Process p;
                try {
                    p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
                } catch (IOException e) {
                    assumeTrue(false, "gcc is needed to build the xenstored shim: " + e.getMessage());
                    throw e;
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("building the xenstored shim failed:\n" + out);
                }
                built = library;
            }
            return built;
        }
    }
}
