package io.pvscope.bench;

import io.pvscope.bench.proc.LoggedRun;
import io.pvscope.bench.proc.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every section needs: the jars, the JVM that runs the agent (the guest's Java, the one running this
 * harness), where results go, and how long to measure.
 *
 * @param quick shorter rounds, for checking the harness itself; figures from it are not for the docs
 * @param jfr   record a JFR profile of every agent process started, into the results directory
 */
public record BenchEnv(Path agentJar, Path benchJar, Path out, boolean quick, boolean jfr) {

    /** What {@code java -jar} gives: heap sized from the machine's memory, G1, tiered compilation. */
    public static final List<String> DEFAULT_FLAGS = List.of();
    /**
     * For the memory figures under load (sections 5 and 6), on both sides of every comparison: with the
     * default heap (a quarter of this machine's RAM) RSS would show how lazily G1 collects, not what the
     * work needs.
     */
    public static final List<String> MEMORY_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx128m");

    public Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public Duration scaled(long millis) {
        return Duration.ofMillis(quick ? Math.max(200, millis / 4) : millis);
    }

    public Path work(String name) throws IOException {
        Path dir = out.resolve("work").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * The agent's configuration for benchmarks: the local caller may read and write everything, and the
     * per-client limits (calls, streams, rate, watchers, connections) are raised so that the load measures the agent,
     * not its protection against one greedy client.
     */
    private Path benchConfig() throws IOException {
        Path config = work("agent-config").resolve("agent.yaml");
        Files.writeString(config, String.join("\n",
                "clients:",
                "  - name: bench",
                "    local: true",
                "    read: [\"*\"]",
                "    write: [\"*\"]",
                "limits:",
                "  max_concurrent_streams: 10000",
                "  max_calls_per_client: 100000",
                "  max_streams_per_client: 100000",
                "  max_watchers: 100000",
                "  max_watch_keys: 10000000",
                "  rate_per_second: 1000000",
                "  rate_burst: 1000000",
                "connections:",
                "  max_connections_per_peer: 100000",
                ""));
        return config;
    }

    /** {@code pvscope serve} on a free loopback port with these JVM flags and serve options. */
    public ServerProcess startAgent(String name, List<String> jvmFlags, List<String> serveArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBin().toString());
        command.addAll(jvmFlags);
        if (jfr) {
            command.add("-XX:StartFlightRecording=filename=" + out.resolve("jfr").resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true");
            Files.createDirectories(out.resolve("jfr"));
        }
        command.addAll(List.of("-jar", agentJar.toString(), "serve", "--listen", "127.0.0.1:0",
                "--config", benchConfig().toString()));
        command.addAll(serveArgs);
        return ServerProcess.start(command, log(name));
    }

    /** The bare grpc-java server, from the agent's jar (same gRPC, same netty) plus this module's classes. */
    public ServerProcess startBare(String name, List<String> jvmFlags) throws IOException, InterruptedException {
        return startBare(name, jvmFlags, List.of());
    }

    public ServerProcess startBare(String name, List<String> jvmFlags, List<String> args)
            throws IOException, InterruptedException {
        return ServerProcess.start(bareCommand(jvmFlags, args), log(name));
    }

    /**
     * Runs the bare server's JVM with these flags to its end, for flags that end it before the server starts
     * ({@code -Xshare:dump}); fails unless it exits 0 within two minutes.
     */
    public void runBareJvm(String name, List<String> jvmFlags) throws IOException, InterruptedException {
        LoggedRun.toEnd("the bare server's JVM", bareCommand(jvmFlags, List.of()), log(name), Duration.ofMinutes(2));
    }

    private List<String> bareCommand(List<String> jvmFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBin().toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", agentJar + ":" + benchJar, "io.pvscope.bench.baseline.BareServer"));
        command.addAll(args);
        return command;
    }

    public Path log(String name) throws IOException {
        Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        return logs.resolve(name + ".log");
    }
}
