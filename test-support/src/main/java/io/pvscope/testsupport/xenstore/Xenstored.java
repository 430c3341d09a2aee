package io.pvscope.testsupport.xenstore;

import io.pvscope.testsupport.Unavailable;
import io.pvscope.testsupport.files.FileTrees;
import io.pvscope.testsupport.nativecode.CSource;
import io.pvscope.testsupport.nativecode.Gcc;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real XenStore daemon (cxenstored or oxenstored, Debian's xen-utils) running without Xen in a directory of
 * its own: an LD_PRELOAD shim, built from this jar's C source with gcc, answers its hypervisor calls, and the
 * directory holds its socket, its event-channel FIFO, dom0's ring page and the ring pages of guests a test
 * introduces ({@link #dir()}, {@link #eventChannel()}). Xen's clients reach it through XENSTORED_PATH.
 *
 * <p>Where the daemon cannot run here (not installed, no gcc, no xenstore-utils, or it exits at once)
 * starting it throws {@link Unavailable} with the reason. Needs (Debian): xen-utils-common, xen-utils-4.x,
 * xenstore-utils, gcc, libc6-dev; oxenstored also needs a private mount namespace (root).
 */
public final class Xenstored implements AutoCloseable {

    public enum Daemon {
        CXENSTORED("xenstored"),
        OXENSTORED("oxenstored");

        private final String executable;

        Daemon(String executable) {
            this.executable = executable;
        }

        /** Its file name in Xen's bin directory. */
        public String executable() {
            return executable;
        }
    }

    /** Whether cxenstored writes its request trace; a benchmark turns it off, as tracing slows every request. */
    public enum Tracing { TRACED, UNTRACED }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIENT = "xenstore-read";

    private final Daemon daemon;
    private final List<String> command;
    private final Path dir;
    private final boolean ownsDir;
    private final Thread stopAtExit;
    private volatile Process process;

    private Xenstored(Daemon daemon, List<String> command, Path dir, boolean ownsDir) {
        this.daemon = daemon;
        this.command = command;
        this.dir = dir;
        this.ownsDir = ownsDir;
        // Stops the daemon even when the test runtime ends without closing it.
        this.stopAtExit = new Thread(() -> {
            Process current = process;
            if (current != null) {
                current.destroyForcibly();
            }
        }, "xenstored-stop");
    }

    /** Why {@code daemon} cannot be started here, or empty when it may be (it may still fail to run). */
    public static Optional<String> unavailableReason(Daemon daemon) {
        if (XenTools.daemon(daemon).isEmpty()) {
            return Optional.of(daemon.executable() + " is not in " + XenTools.searched()
                    + " (Debian: xen-utils-common and xen-utils-4.x)");
        }
        if (onPath(CLIENT).isEmpty()) {
            return Optional.of(CLIENT + " is not on the PATH (Debian: xenstore-utils)");
        }
        return Gcc.unavailableReason().map(reason -> reason + ": the daemon's shim cannot be built");
    }

    /** Starts a traced {@code daemon} in {@code dir}; the shim is built into {@code buildDir} once per JVM. */
    public static Xenstored start(Daemon daemon, Path dir, Path buildDir) throws IOException, InterruptedException {
        return start(daemon, dir, buildDir, Tracing.TRACED);
    }

    /**
     * Starts {@code daemon} in {@code dir} (made if missing; its socket path must fit a Unix socket's 107
     * bytes) and waits until it accepts connections. The caller removes {@code dir}.
     *
     * @throws Unavailable where the daemon cannot run here, with the reason
     */
    public static Xenstored start(Daemon daemon, Path dir, Path buildDir, Tracing tracing)
            throws IOException, InterruptedException {
        return start(daemon, dir, false, buildDir, tracing);
    }

    /** As {@link #start(Daemon, Path, Path)}, in a new folder of the system's temporary directory that {@link #close()} removes. */
    public static Xenstored startInTempDir(Daemon daemon, Path buildDir) throws IOException, InterruptedException {
        Optional<String> reason = unavailableReason(daemon);
        if (reason.isPresent()) {
            throw new Unavailable(reason.get());
        }
        Path dir = Files.createTempDirectory("pvscope-xs");
        try {
            return start(daemon, dir, true, buildDir, Tracing.TRACED);
        } catch (IOException | InterruptedException | RuntimeException e) {
            FileTrees.delete(dir);
            throw e;
        }
    }

    private static Xenstored start(Daemon daemon, Path dir, boolean ownsDir, Path buildDir, Tracing tracing)
            throws IOException, InterruptedException {
        Optional<String> reason = unavailableReason(daemon);
        if (reason.isPresent()) {
            throw new Unavailable(reason.get());
        }
        Path binary = XenTools.daemon(daemon).orElseThrow();
        Path shim = Gcc.sharedLibrary(CSource.resource(Xenstored.class, "xenstored_shim.c"), buildDir,
                "-O2", "-Wall", "-Werror", "-ldl");
        Path absolute = dir.toAbsolutePath();
        XenstoredDirectory.prepare(absolute);
        Xenstored xenstored = new Xenstored(daemon, XenstoredCommand.of(daemon, binary, shim, absolute, tracing),
                absolute, ownsDir);
        Runtime.getRuntime().addShutdownHook(xenstored.stopAtExit);
        try {
            xenstored.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            xenstored.stop();
            throw e;
        }
        return xenstored;
    }

    public Daemon daemon() {
        return daemon;
    }

    /** The daemon's directory: where a guest's ring page {@code ring-<domid>} goes. */
    public Path dir() {
        return dir;
    }

    /** The daemon's Unix socket, what XENSTORED_PATH names. */
    public Path socket() {
        return XenstoredDirectory.socket(dir);
    }

    /** The FIFO a test writes a 4-byte little-endian port number into to signal that port's event channel. */
    public Path eventChannel() {
        return XenstoredDirectory.eventChannel(dir);
    }

    /** dom0's event-channel port. */
    public int dom0Port() {
        return XenstoredDirectory.DOM0_PORT;
    }

    /** The running daemon's process id (changes with {@link #restart()}). */
    public long pid() {
        return process.pid();
    }

    /** The daemon's own output and log so far, for failure messages. */
    public String output() {
        return XenstoredDirectory.output(dir);
    }

    /** The last {@code lines} lines of the daemon's request trace, for failure messages. */
    public String traceTail(int lines) {
        for (Path trace : XenstoredDirectory.traces(dir)) {
            if (Files.exists(trace)) {
                try {
                    List<String> all = Files.readAllLines(trace, StandardCharsets.ISO_8859_1);
                    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
                } catch (IOException e) {
                    return "cannot read " + trace + ": " + e;
                }
            }
        }
        return "no trace (started " + Tracing.UNTRACED + "?)";
    }

    /** SIGKILL, as a crash: the daemon gets no chance to close its connections cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the daemon again in the same directory, with an empty store (nothing is persisted). */
    public void restart() throws IOException, InterruptedException {
        kill();
        launch();
    }

    /** SIGSTOP: a daemon that accepts bytes but never answers, until {@link #thaw()}. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Runs one of Xen's own clients (xenstore-read, -write, -ls, -chmod...) against this daemon. */
    public ClientResult client(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XENSTORED_PATH", socket().toString());
        Process client = builder.start();
        client.getOutputStream().close();
        if (!client.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + CLIENT_TIMEOUT);
        }
        return new ClientResult(List.of(command), client.exitValue(),
                new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** {@code xenstore-read KEY}: the value, or null when the key does not exist. */
    public String read(String key) throws IOException, InterruptedException {
        ClientResult result = client("xenstore-read", key);
        return result.exitCode() == 0 ? result.line() : null;
    }

    /** {@code xenstore-write KEY VALUE}, failing when the daemon refuses it. */
    public void write(String key, String value) throws IOException, InterruptedException {
        client("xenstore-write", key, value).orFail();
    }

    /** {@code xenstore-rm KEY}, failing when the daemon refuses it. */
    public void remove(String key) throws IOException, InterruptedException {
        client("xenstore-rm", key).orFail();
    }

    /** Stops the daemon; removes its directory when {@link #startInTempDir} made it. */
    @Override
    public void close() throws InterruptedException {
        stop();
        if (ownsDir) {
            FileTrees.delete(dir);
        }
    }

    private void stop() throws InterruptedException {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!current.waitFor(5, TimeUnit.SECONDS)) {
                current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to undo.
        }
    }

    private void launch() throws IOException, InterruptedException {
        Files.deleteIfExists(socket());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(XenstoredDirectory.daemonOutput(dir).toFile()));
        builder.environment().put("XS_SHIM_DIR", dir.toString());
        builder.environment().put("XENSTORED_PATH", socket().toString());
        process = builder.start();
        awaitSocket();
    }

    /** Bounded wait until the daemon accepts connections; a daemon that exits or never listens cannot run here. */
    private void awaitSocket() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new Unavailable(daemon + " cannot run here (exit " + process.exitValue() + "): " + output());
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
        throw new Unavailable(daemon + " did not open " + socket() + " within " + START_TIMEOUT + ": " + output());
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed: " + out);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
