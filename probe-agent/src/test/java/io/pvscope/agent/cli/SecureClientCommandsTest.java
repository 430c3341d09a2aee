package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.Endpoint;
import io.pvscope.agent.server.WritePolicy;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.agent.server.security.ServerTls;
import io.pvscope.agent.server.security.TestPki;
import io.pvscope.agent.server.security.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pvscope ls and hostctl -H against a TLS agent that wants a token or a client certificate. */
class SecureClientCommandsTest {

    private static final String TOKEN = "client-0123456789abcdef0123456789";

    @TempDir
    Path dir;

    private AgentServer server;
    private TestPki.Issued ca;
    private String target;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        ca = TestPki.authority(dir, "ca");
        TestPki.Issued cert = TestPki.server(dir, ca);
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("no-hypervisor"), Clock.systemUTC()),
                List.of(SimStore.open(dir.resolve("sim.json"))));
        server = new AgentServer(List.of(Endpoint.tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new ServerTls(cert.certificatePem(), cert.keyPem(), Optional.of(ca.certificatePem())))), bus,
                SecurityConfig.fromFlags(WritePolicy.of(List.of("sim:data/")), Optional.of(Tokens.digest(TOKEN)), true),
                new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC()).start();
        target = "localhost:" + server.address().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(500);
    }

    private int ls(StringWriter out, StringWriter err, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "ls";
        args[1] = "-H";
        args[2] = target;
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = "device/vif";
        return CommandLines.full().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void lsWithTheCaAndATokenListsAndWithoutTheTokenIsUnauthenticated() {
        StringWriter out = new StringWriter();
        assertThat(ls(out, new StringWriter(), "--ca", ca.certificatePem().toString(), "--token-file",
                tokenFile.toString())).isZero();
        assertThat(out.toString()).isEqualTo("device/vif/0/\n");

        StringWriter err = new StringWriter();
        assertThat(ls(new StringWriter(), err, "--ca", ca.certificatePem().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("UNAUTHENTICATED");
    }

    @Test
    void lsWithAClientCertificateLists() throws Exception {
        TestPki.Issued client = TestPki.client(dir, ca, "ide");
        StringWriter out = new StringWriter();

        assertThat(ls(out, new StringWriter(), "--ca", ca.certificatePem().toString(), "--cert",
                client.certificatePem().toString(), "--key", client.keyPem().toString())).isZero();
        assertThat(out.toString()).isEqualTo("device/vif/0/\n");
    }

    private String hostctl(int expectedExit, String... operands) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        HostctlCommand command = new HostctlCommand(null, System.in, new PrintStream(stdout, true),
                new PrintStream(stderr, true));
        String[] args = new String[operands.length + 6];
        System.arraycopy(new String[] {"-H", target, "--ca", ca.certificatePem().toString(), "--token-file",
                tokenFile.toString()}, 0, args, 0, 6);
        System.arraycopy(operands, 0, args, 6, operands.length);

        int exit = HostctlCommandLines.commandLine(command).execute(args);

        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(expectedExit);
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hostctlWritesOverTlsWithATokenAndOnlyUnderTheAllowedPrefix() {
        hostctl(0, "data/note", "hello");

        assertThat(hostctl(0, "data/note")).isEqualTo("hello\n");
        assertThat(hostctl(1, "name", "evil")).contains("Permission denied");
    }
}
