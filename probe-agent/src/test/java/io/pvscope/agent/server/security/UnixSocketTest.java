package io.pvscope.agent.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.Endpoint;
import io.pvscope.agent.server.WritePolicy;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unix socket listener, through grpc-netty-shaded's epoll transport: its mode decides who connects. */
class UnixSocketTest {

    @TempDir
    Path dir;

    private AgentServer serve(Path socket, byte[] tokenDigest) throws Exception {
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("no-hypervisor"), Clock.systemUTC()),
                List.of(SimStore.open(dir.resolve("sim.json"))));
        SecurityConfig config = SecurityConfig.fromFlags(WritePolicy.of(List.of("sim:data/")),
                Optional.ofNullable(tokenDigest), false);
        return new AgentServer(List.of(Endpoint.unixSocket(socket, PosixFilePermissions.fromString("rw-rw----"))),
                bus, config, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC()).start();
    }

    @Test
    void localCallersOnTheSocketAreTheLocalClientAndTheSocketHasItsMode() throws Exception {
        Path socket = dir.resolve("agent.sock");
        AgentServer server = serve(socket, Tokens.digest("a-token-that-tcp-callers-would-need"));
        ManagedChannel channel = Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create())
                .build();
        try {
            AgentInfo info = PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getAgentInfo(GetAgentInfoRequest.getDefaultInstance());

            assertThat(info.getCallerIdentity()).isEqualTo("local");
            assertThat(info.getAllowedWritePrefixesList()).containsExactly("sim:data/");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop(500);
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleSocketIsReplacedButAFileIsNot() throws Exception {
        Path socket = dir.resolve("agent.sock");
        serve(socket, null).stop(0);
        Files.deleteIfExists(socket);
        Path file = dir.resolve("not-a-socket");
        Files.writeString(file, "keep me");

        assertThatThrownBy(() -> serve(file, null)).hasMessageContaining("is not a socket");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }
}
