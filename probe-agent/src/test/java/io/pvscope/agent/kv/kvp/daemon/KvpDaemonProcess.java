package io.pvscope.agent.kv.kvp.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real hv_kvp_daemon, in the foreground, with its pools in a test directory: it runs in a private mount
 * namespace where that directory is bind-mounted over /var/lib/hyperv (or, where that directory does not
 * exist, a directory holding {@code hyperv/} over /var/lib), so the machine's own pools are never touched.
 * Its device is the {@link FakeHypervHost}'s socket, through the LD_PRELOAD shim.
 */
public final class KvpDaemonProcess implements AutoCloseable {

    public static final Path DAEMON = Path.of("/usr/sbin/hv_kvp_daemon");
    // The daemon resolves its FQDN before it opens the device; where DNS does not answer that takes a while.
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    // $1: directory to stand for /var/lib (holds hyperv/); $2: the shim. Only the daemon gets the shim.
    private static final String IN_NAMESPACE = "set -e\n"
            + "if [ -d /var/lib/hyperv ]; then mount --bind \"$1/hyperv\" /var/lib/hyperv;"
            + " else mount --bind \"$1\" /var/lib; fi\n"
            + "exec env LD_PRELOAD=\"$2\" " + DAEMON + " --no-daemon\n";

    private final Process process;
    private final FakeHypervHost host;
    private final Path pools;
    private final Path log;

    private KvpDaemonProcess(Process process, FakeHypervHost host, Path pools, Path log) {
        this.process = process;
        this.host = host;
        this.pools = pools;
        this.log = log;
    }

    /** Starts the daemon in {@code workDirectory} and returns once it has registered with the host. */
    public static KvpDaemonProcess start(Path workDirectory) throws IOException, InterruptedException {
        Path varLib = workDirectory.resolve("var-lib");
        Path pools = Files.createDirectories(varLib.resolve("hyperv"));
        Path log = workDirectory.resolve("hv_kvp_daemon.log");
        FakeHypervHost host = FakeHypervHost.listen(workDirectory.resolve("hv_kvp.sock"));
        ProcessBuilder builder = new ProcessBuilder(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", IN_NAMESPACE, "hv-kvp-namespace", varLib.toString(), KvpShimLibrary.path().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PVSCOPE_KVP_HOST_SOCKET", host.socketPath().toString());
        KvpDaemonProcess daemon = new KvpDaemonProcess(builder.start(), host, pools, log);
        try {
            host.awaitRegistration(REGISTRATION_TIMEOUT, daemon::checkRunning);
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** The host end of the daemon's device. */
    public FakeHypervHost host() {
        return host;
    }

    /** The directory the daemon sees as /var/lib/hyperv. */
    public Path pools() {
        return pools;
    }

    private void checkRunning() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("hv_kvp_daemon exited with " + process.exitValue() + ": " + output());
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Hangs up as the host; the daemon cannot reopen its device then and exits. Killed if it lingers. */
    @Override
    public void close() throws IOException {
        try {
            host.close();
        } finally {
            try {
                if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
