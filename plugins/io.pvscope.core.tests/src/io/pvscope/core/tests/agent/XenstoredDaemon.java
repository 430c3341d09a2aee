package io.pvscope.core.tests.agent;

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
import java.util.stream.Stream;

/**
 * The real XenStore daemon (cxenstored from Debian's xen-utils-4.17) without Xen, in a folder of its own:
 * the agent's LD_PRELOAD shim, built here with gcc from the agent's test sources (system property
 * {@value #SHIM_SOURCE_PROPERTY}), answers its hypervisor calls. A test is skipped, with the reason, exactly
 * where the agent's own xenstored tests are: the daemon or xenstore-utils missing, no gcc, or a daemon that
 * cannot start here.
 */
public final class XenstoredDaemon implements AutoCloseable {

    public static final String SHIM_SOURCE_PROPERTY = "pvscope.xenstored.shim";

    private static final Path DAEMON = Path.of("/usr/lib/xen-4.17/bin/xenstored");
    private static final Path CLIENT = Path.of("/usr/bin/xenstore-read");
    /** dom0's event-channel port, as /proc/xen/xsd_port would hold it. */
    private static final String DOM0_PORT = "2";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private static Path shim;

    private final Path dir;
    private Process process;

    private XenstoredDaemon(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts cxenstored in a new temporary folder and waits until it accepts connections. */
    public static XenstoredDaemon start() throws Exception {
        assumeTrue(Files.isExecutable(DAEMON), DAEMON + " is missing: install xen-utils-4.17 xen-utils-common xenstore-utils");
        assumeTrue(Files.isExecutable(CLIENT), "xenstore-utils is not installed");
        Path library = shim();
        Path dir = Files.createTempDirectory("pvscope-xenstored");
        Files.writeString(dir.resolve("xsd_port"), DOM0_PORT);
        Files.write(dir.resolve("xsd_kva"), new byte[4096]);
        run(List.of("mkfifo", dir.resolve("evtchn").toString()));
        XenstoredDaemon daemon = new XenstoredDaemon(dir, launch(dir, library));
        daemon.awaitSocket();
        return daemon;
    }

    private static Process launch(Path dir, Path library) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("env", "LD_PRELOAD=" + library, DAEMON.toString(), "-N", "-T",
                dir.resolve("trace").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.out").toFile()));
        builder.environment().put("XS_SHIM_DIR", dir.toString());
        builder.environment().put("XENSTORED_PATH", dir.resolve("socket").toString());
        Process process = builder.start();
        // Stops the daemon even when the test runtime ends without closing it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "pvscope-xenstored-stop"));
        return process;
    }

    /** Kills the daemon with SIGKILL, as a crash would: its clients see their connection end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** Starts the daemon again on the same socket after {@link #kill()}; it keeps nothing of before. */
    public void restart() throws Exception {
        Files.deleteIfExists(socket());
        process = launch(dir, shim());
        awaitSocket();
    }

    /** The last lines of the daemon's request trace, for failure messages. */
    public String traceTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("trace"), StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "no trace: " + e;
        }
    }

    /** The daemon's Unix socket: what {@code --xenstore} and the xenstore-* clients connect to. */
    public Path socket() {
        return dir.resolve("socket");
    }

    /** Runs {@code xenstore-read KEY} against this daemon: the value, or null when the key does not exist. */
    public String read(String key) throws Exception {
        ClientResult result = client("xenstore-read", key);
        return result.exitCode() == 0 ? result.line() : null;
    }

    /** Runs {@code xenstore-write KEY VALUE}, failing when the daemon refuses it. */
    public void write(String key, String value) throws Exception {
        client("xenstore-write", key, value).orFail();
    }

    /** Runs {@code xenstore-rm KEY}, failing when the daemon refuses it. */
    public void remove(String key) throws Exception {
        client("xenstore-rm", key).orFail();
    }

    /** Runs one of Xen's own clients (xenstore-read, -write, -ls, -rm...) against this daemon. */
    public ClientResult client(String... command) throws Exception {
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

    /** What a client printed; {@link #line()} is stdout without its final newline. */
    public record ClientResult(List<String> command, int exitCode, String stdout, String stderr) {
        public String line() {
            return stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        }

        ClientResult orFail() throws IOException {
            if (exitCode != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + exitCode + "): " + stderr.strip());
            }
            return this;
        }
    }

    /** The daemon's own output, for failure messages. */
    public String output() {
        try {
            return Files.readString(dir.resolve("daemon.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitSocket() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                assumeTrue(false, "xenstored cannot run here (exit " + process.exitValue() + "): " + output());
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
        assumeTrue(false, "xenstored did not open " + socket() + " within " + START_TIMEOUT + ": " + output());
    }

    /** Builds the shim once per test run; without gcc the test is skipped, as the agent's are. */
    private static synchronized Path shim() throws Exception {
        if (shim != null) {
            return shim;
        }
        String source = System.getProperty(SHIM_SOURCE_PROPERTY);
        if (source == null || !Files.isRegularFile(Path.of(source))) {
            throw new IllegalStateException("the xenstored shim's source is not at " + source + " (system property "
                    + SHIM_SOURCE_PROPERTY + ", set by the build)");
        }
        Path library = Files.createTempDirectory("pvscope-xenstored-shim").resolve("libxenstored_shim.so");
        List<String> gcc = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-o", library.toString(), source, "-ldl"));
        Process compiler;
        try {
            compiler = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is needed to build the xenstored shim: " + e.getMessage());
            throw e;
        }
        String out = new String(compiler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!compiler.waitFor(60, TimeUnit.SECONDS) || compiler.exitValue() != 0) {
            throw new IllegalStateException("building the xenstored shim failed:\n" + out);
        }
        shim = library;
        return shim;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    /** Stops the daemon and removes its folder (socket, FIFO, ring page, trace). */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
