package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.server.AgentProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line clients against a real agent process that is stopped with SIGSTOP and continued with
 * SIGCONT, as a guest stopped at a breakpoint stops every process in it: the connection stays open and
 * nothing arrives.
 */
class StoppedAgentTest {

    @TempDir
    Path dir;

    private AgentProcess agent;

    @BeforeEach
    void start() throws Exception {
        // A root without hypervisors: the simulated store is unit 0 wherever the test runs.
        agent = AgentProcess.serveGuest(dir, "no-hypervisor", "--store", "sim=" + dir.resolve("sim.json"));
    }

    @AfterEach
    void stop() throws Exception {
        signal("CONT");
        agent.close();
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(agent.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private RunningCommand watch(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "watch";
        args[1] = "-H";
        args[2] = "127.0.0.1:" + agent.port;
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = "device/vif/0";
        return RunningCommand.start(args);
    }

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void aStoppedAgentIsReportedOnceAndItsReturnTooAndTheWatchGoesOn() throws Exception {
        RunningCommand watch = watch("--heartbeat", "0.2");
        watch.awaitOut("# in sync", WITHIN);

        signal("STOP");
        watch.awaitErr("pvscope watch: no answer from 127.0.0.1:" + agent.port + " for ", WITHIN);
        assertThat(watch.err()).contains("(the guest may be stopped at a breakpoint)");
        Thread.sleep(1000);
        assertThat(watch.err().split("no answer from", -1)).as("said once per silence").hasSize(2);

        signal("CONT");
        watch.awaitErr("pvscope watch: 127.0.0.1:" + agent.port + " answering again after ", WITHIN);
        assertThat(watch.exit()).isNotDone();

        agent.kill9();
        assertThat(watch.exit().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(watch.err()).contains("pvscope watch: 127.0.0.1:" + agent.port + ": UNAVAILABLE");
    }

    @Test
    void withJsonTheSilenceAndTheReturnAreLinesOfTheirOwn() throws Exception {
        RunningCommand watch = watch("--json", "--heartbeat", "0.2");
        watch.awaitOut("\"event\":\"sync\"", WITHIN);

        signal("STOP");
        watch.awaitOut("\"event\":\"not-answering\"", WITHIN);
        signal("CONT");
        watch.awaitOut("\"event\":\"answering\"", WITHIN);

        assertThat(watch.out()).contains("\"target\":\"127.0.0.1:" + agent.port + "\"")
                .doesNotContain("\"event\":\"heartbeat\"");
        agent.kill9();
    }

    @Test
    void withATimeoutAStoppedAgentEndsTheWatchWithExit1() throws Exception {
        RunningCommand watch = watch("--heartbeat", "0.2", "--timeout", "1.5");
        watch.awaitOut("# in sync", WITHIN);

        signal("STOP");

        assertThat(watch.exit().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(watch.err()).contains("pvscope watch: 127.0.0.1:" + agent.port + ": no answer for ")
                .contains("; giving up (--timeout)");
    }

    @Test
    void aQuietStoreWithHeartbeatsIsNeverCalledNotAnswering() throws Exception {
        RunningCommand watch = watch("--heartbeat", "0.2", "--timeout", "2");
        watch.awaitOut("# in sync", WITHIN);

        Thread.sleep(3000);

        assertThat(watch.exit()).isNotDone();
        assertThat(watch.err()).doesNotContain("no answer");
        agent.kill9();
    }

    /** A client command in its own process, with PVSCOPE_TIMEOUT set: its exit code and standard error. */
    private static String[] runClient(String timeout, String mainClass, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PVSCOPE_TIMEOUT", timeout);
        Process process = builder.start();
        // Without the JVM's own warnings (native access on newer JDKs): what the command printed.
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().filter(line -> !line.startsWith("WARNING:") && !line.isEmpty())
                .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(process.exitValue()), stderr};
    }

    @Test
    void hostctlAndLsGiveUpOnAStoppedAgentAtTheirDeadline() throws Exception {
        signal("STOP");
        String target = "127.0.0.1:" + agent.port;

        String[] hostctl = runClient("1", "io.pvscope.agent.cli.HostctlMain", "-H", target, "-f", "/dev/pvbus0",
                "device/vif/0/mac");
        assertThat(hostctl[0]).isEqualTo("1");
        // hostctl opens the device first, and remotely that is already a call: open(2) is what times out.
        assertThat(hostctl[1]).isEqualTo("hostctl: open: /dev/pvbus0: Operation timed out\n");

        String[] ls = runClient("1", "io.pvscope.agent.cli.Main", "ls", "-H", target, "device");
        assertThat(ls[0]).isEqualTo("1");
        assertThat(ls[1]).startsWith("pvscope ls: " + target + ": DEADLINE_EXCEEDED");
    }

    @Test
    void aTimeoutThatIsNotOneIsRefusedByName() throws Exception {
        String[] hostctl = runClient("soon", "io.pvscope.agent.cli.HostctlMain", "-H", "127.0.0.1:" + agent.port,
                "-f", "/dev/pvbus0", "device/vif/0/mac");

        assertThat(hostctl[0]).isNotEqualTo("0");
        assertThat(hostctl[1]).contains("PVSCOPE_TIMEOUT: expected 0.001 to 86400 seconds, got 'soon'");
    }
}
