package io.pvscope.agent.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.pvscope.agent.cli.RunningCommand;
import io.pvscope.agent.server.security.TestPki;
import io.pvscope.client.AgentAddress;
import io.pvscope.client.AgentChannels;
import io.pvscope.client.ChannelSettings;
import io.pvscope.client.HealthPing;
import io.pvscope.client.TlsFiles;
import io.pvscope.testsupport.guest.QemuGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The moment PvScope is for: a real guest (QEMU, Debian's stock kernel) with the agent in it, reached the
 * remote way (TLS 1.3 and a token through a forwarded port), frozen whole with QMP {@code stop} as a kernel
 * debugger's breakpoint freezes it, then resumed with {@code cont}, under {@code pvscope watch}.
 */
class FrozenGuestIT {

    private static final Path AGENT_JAR = Path.of("target/pvscope-agent.jar");
    private static final String TOKEN = "frozen-guest-token";

    @Test
    void pvscopeWatchSaysWhenTheGuestIsFrozenAndWhenItRunsAgain() throws Exception {
        Optional<String> unavailable = QemuGuest.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no QEMU guest here: " + unavailable.orElse(""));
        Path work = Path.of("target/guest-frozen").toAbsolutePath();
        Files.createDirectories(work);
        Path jar = Files.copy(AGENT_JAR, work.resolve("pvscope-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        TestPki.Issued ca = TestPki.authority(work, "ca");
        TestPki.Issued server = TestPki.server(work, ca);
        Path token = work.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        int port = QemuGuest.freeHostPort();
        String java = QemuGuest.hostJava();

        List<String> serve = List.of(java, "-jar", jar.toString(), "serve", "--listen", "0.0.0.0:7393",
                "--tls-cert", server.certificatePem().toString(), "--tls-key", server.keyPem().toString(),
                "--token-file", token.toString(), "--store", "sim=/tmp/sim.json");
        ChannelSettings settings = ChannelSettings.plaintext().withTls(TlsFiles.trusting(ca.certificatePem()))
                .withToken(TOKEN);
        try (QemuGuest guest = bootAgent(work, port, serve, settings)) {

            String target = "127.0.0.1:" + port;
            RunningCommand watch = RunningCommand.start("watch", "-H", target, "--ca", ca.certificatePem().toString(),
                    "--token-file", token.toString(), "-u", "1", "device/vif/0");
            watch.awaitOut("# in sync", Duration.ofSeconds(60));

            long stopped = System.nanoTime();
            guest.qmp("stop");
            watch.awaitErr("pvscope watch: no answer from " + target + " for ", Duration.ofSeconds(30));
            long noticed = System.nanoTime();
            Thread.sleep(5_000);

            long resumed = System.nanoTime();
            guest.qmp("cont");
            watch.awaitErr("pvscope watch: " + target + " answering again after ", Duration.ofSeconds(60));
            long back = System.nanoTime();
            System.out.printf("FrozenGuestIT: QMP stop → 'no answer' after %d ms; QMP cont → 'answering again'"
                    + " after %d ms%n", TimeUnit.NANOSECONDS.toMillis(noticed - stopped),
                    TimeUnit.NANOSECONDS.toMillis(back - resumed));
            assertThat(watch.err()).contains("(the guest may be stopped at a breakpoint)");
            assertThat(watch.exit()).as("the watch goes on after the guest runs again").isNotDone();
        }
    }

    /** A guest whose agent answers a health check. */
    private static QemuGuest bootAgent(Path work, int port, List<String> serve, ChannelSettings settings)
            throws Exception {
        ManagedChannel channel = AgentChannels.open(AgentAddress.tcp("127.0.0.1", port), settings);
        try {
            return QemuGuest.startServer(work, List.of(port + ":7393"), serve, Duration.ofMinutes(3), () -> {
                try {
                    HealthPing.send(channel, Duration.ofSeconds(5)).get();
                    return true;
                } catch (java.util.concurrent.ExecutionException notYet) {
                    return false;
                }
            });
        } finally {
            channel.shutdownNow();
        }
    }
}
