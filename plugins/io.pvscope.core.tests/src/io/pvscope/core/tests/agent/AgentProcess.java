package io.pvscope.core.tests.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.pvscope.core.Target;
import io.pvscope.testsupport.files.FileTrees;
import io.pvscope.testsupport.process.ServingProcess;

/**
 * The real agent, started from its runnable jar on a free loopback port. The jar's path comes from the
 * system property {@value #JAR_PROPERTY}, set by the build.
 */
public final class AgentProcess implements AutoCloseable {

    public static final String JAR_PROPERTY = "pvscope.agent.jar";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ServingProcess process;
    private final Path store;
    private final Path log;
    /** The folder this class made for the agent's store, removed with the log once the agent is closed. */
    private Path ownStoreFolder;

    private AgentProcess(ServingProcess process, Path store, Path log) {
        this.process = process;
        this.store = store;
        this.log = log;
    }

    /**
     * Starts {@code java -jar pvscope-agent.jar serve --listen 127.0.0.1:0} with its own simulated store and
     * waits for its ready line.
     */
    public static AgentProcess start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /**
     * Starts the agent on {@code port} (0: any free one) with the simulated store kept in {@code store}: a
     * file that exists is the store's content (the agent's JSON format), one that does not is seeded by the
     * agent. Writes are allowed under {@code data/} only.
     */
    public static AgentProcess start(Path store, int port) throws IOException, InterruptedException {
        return start(store, port, List.of());
    }

    /** Starts the agent with {@code serve} options of the test's own, e.g. {@code --tls-cert}, after the usual ones. */
    public static AgentProcess start(List<String> serveOptions) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("pvscope-agent-store");
        AgentProcess agent;
        try {
            agent = start(folder.resolve("sim.json"), 0, serveOptions);
        } catch (IOException | InterruptedException | RuntimeException e) {
            FileTrees.delete(folder);
            throw e;
        }
        agent.ownStoreFolder = folder;
        return agent;
    }

    private static AgentProcess start(Path store, int port, List<String> serveOptions) throws IOException,
            InterruptedException {
        List<String> options = new ArrayList<>(List.of("--store", "sim=" + store, "--allow-write", "sim:data/"));
        options.addAll(serveOptions);
        return launch(store, port, options);
    }

    /**
     * Starts the agent with only the store and write options given, e.g. {@code --xenstore SOCKET
     * --allow-write xenstore:/local/domain/0/data/}: no simulated store. {@link #store()} is then null.
     */
    public static AgentProcess serve(List<String> storeOptions) throws IOException, InterruptedException {
        return launch(null, 0, storeOptions);
    }

    private static AgentProcess launch(Path store, int port, List<String> options) throws IOException,
            InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "pvscope-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IOException("agent jar not found at " + jar + " (build probe-agent first)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Not inherited: a child holding the test runtime's stderr open would keep the build waiting on it.
        Path log = Files.createTempFile("pvscope-agent", ".log");
        // Stores are always named, so that tests never touch the machine's default store file.
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "serve",
                "--listen", "127.0.0.1:" + port));
        command.addAll(options);
        try {
            return new AgentProcess(ServingProcess.start(command, log, START_TIMEOUT), store, log);
        } catch (IOException e) {
            String wrote = Files.readString(log, StandardCharsets.UTF_8).strip();
            FileTrees.delete(log);
            throw new IOException("agent did not start: " + e.getMessage() + "; it wrote: " + wrote, e);
        }
    }

    /** The agent's address, named "agent". */
    public Target target() {
        return new Target("agent", process.host(), process.port());
    }

    /** The file the agent keeps its simulated store in; null when it was started without one. */
    public Path store() {
        return store;
    }

    /** What the agent wrote on stderr so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(its log is unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the agent without letting it drain its streams, as a crash or a pulled cable would. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGSTOP: the agent stops wherever it is and keeps its connections, as in a guest at a breakpoint. */
    public void stop() throws IOException, InterruptedException {
        process.signal("STOP");
    }

    /** SIGCONT: the stopped agent goes on. */
    public void resume() throws IOException, InterruptedException {
        process.signal("CONT");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
        FileTrees.delete(log);
        if (ownStoreFolder != null) {
            FileTrees.delete(ownStoreFolder);
        }
    }
}
