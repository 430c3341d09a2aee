package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.Endpoint;
import io.pvscope.agent.server.WritePolicy;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** pvscope ls and pvscope watch against a real agent on loopback (the simulated store is unit 0). */
class ClientCommandsTest {

    @TempDir
    Path dir;

    private AgentServer server;
    private String target;

    @BeforeEach
    void start() throws Exception {
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("no-hypervisor"), Clock.systemUTC()),
                List.of(SimStore.open(dir.resolve("sim.json"))));
        server = new AgentServer(List.of(Endpoint.plaintext(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0))),
                bus, SecurityConfig.fromFlags(WritePolicy.of(List.of("sim:")), Optional.empty(), false),
                new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC()).start();
        target = "127.0.0.1:" + server.address().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(500);
    }

    @Test
    void lsPrintsChildrenWithTheirValues() {
        StringWriter out = new StringWriter();
        int exit = CommandLines.full().setOut(new PrintWriter(out))
                .execute("ls", "-H", target, "-l", "device/vif/0", "--prefix", "ma");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("device/vif/0/mac = 00:16:3e:5a:1c:07\n");
    }

    @Test
    void lsOfAMissingKeyFailsNamingTheStatus() {
        StringWriter err = new StringWriter();
        int exit = CommandLines.full().setErr(new PrintWriter(err)).execute("ls", "-H", target, "nothing/here");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("NOT_FOUND").contains("ENOENT");
    }

    @Test
    void aBadAddressOrAMissingTokenFileIsOneLineAndExit1NotAStackTrace() {
        StringWriter err = new StringWriter();
        int badAddress = CommandLines.full().setErr(new PrintWriter(err)).execute("ls", "-H", "bad::host::", "data");
        StringWriter hostctlErr = new StringWriter();
        CommandLine hostctl = CommandLines.full();
        hostctl.getSubcommands().get("hostctl").setErr(new PrintWriter(hostctlErr));
        int missingToken = hostctl.execute("hostctl", "-H", target, "--token-file", "/nonexistent/token", "-t");

        assertThat(badAddress).isEqualTo(1);
        assertThat(err.toString()).startsWith("pvscope ls: ").contains("bad::host::").doesNotContain("\tat ");
        assertThat(missingToken).isEqualTo(1);
        assertThat(hostctlErr.toString()).isEqualTo("hostctl: /nonexistent/token: No such file or directory"
                + System.lineSeparator());
    }

    @Test
    void watchPrintsTheSnapshotThenChanges() throws Exception {
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> CommandLines.full()
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter()))
                .execute("watch", "-H", target, "memory"));
        awaitOutput(out, "# in sync");

        ManagedChannel channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
        PvBusGrpc.newBlockingStub(channel).kvWrite(KvWriteRequest.newBuilder().setKey("memory/target")
                .setValue(ByteString.copyFromUtf8("1024")).build());
        awaitOutput(out, "~ memory/target = 1024");
        channel.shutdownNow();
        server.stop(0);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(out.toString()).startsWith("# watching (native)\n= memory/\n= memory/target = 2097152\n# in sync\n");
    }

    @Test
    void lsJsonIsOneObjectPerKeyWithItsValue() {
        StringWriter out = new StringWriter();
        int exit = CommandLines.full().setOut(new PrintWriter(out)).execute("ls", "-H", target, "--json", "device/vif/0",
                "--prefix", "ma");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).singleElement().satisfies(line -> {
            JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
            assertThat(entry.get("key").getAsString()).isEqualTo("device/vif/0/mac");
            assertThat(entry.get("value").getAsString()).isEqualTo("00:16:3e:5a:1c:07");
            assertThat(entry.get("access").getAsString()).isEqualTo("read-write");
            assertThat(entry.get("hasChildren").getAsBoolean()).isFalse();
        });
    }

    @Test
    void watchJsonIsOneObjectPerEventAndBytesThatAreNotTextAreBase64() throws Exception {
        RunningCommand watch = RunningCommand.start("watch", "-H", target, "--json", "memory");
        watch.awaitOut("\"event\":\"sync\"", java.time.Duration.ofSeconds(10));

        ManagedChannel channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
        PvBusGrpc.newBlockingStub(channel).kvWrite(KvWriteRequest.newBuilder().setKey("memory/target")
                .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1})).build());
        watch.awaitOut("\"event\":\"update\"", java.time.Duration.ofSeconds(10));
        channel.shutdownNow();
        server.stop(0);
        assertThat(watch.exit().get(10, TimeUnit.SECONDS)).isEqualTo(1);

        List<JsonObject> events = watch.out().lines().map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
        assertThat(events).extracting(e -> e.get("event").getAsString())
                .containsExactly("started", "snapshot", "snapshot", "sync", "update");
        assertThat(events.get(0).get("heartbeatIntervalMillis").getAsLong()).isEqualTo(1000);
        assertThat(events.get(2).get("value").getAsString()).isEqualTo("2097152");
        assertThat(events.get(4).get("key").getAsString()).isEqualTo("memory/target");
        assertThat(events.get(4).get("valueBase64").getAsString()).isEqualTo("/wAB");
        assertThat(events.get(4).has("time")).isTrue();
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' within 10 s; got:\n" + out).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
