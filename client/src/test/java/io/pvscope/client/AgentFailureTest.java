package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.net.ServerSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures as a real server and a real transport produce them, read back into errno and one line. */
class AgentFailureTest {

    private LoopbackAgent agent;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        agent = LoopbackAgent.plaintext();
        channel = AgentChannels.open(agent.address(), ChannelSettings.plaintext());
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        agent.close();
    }

    private AgentFailure read(String key, long deadlineMillis) {
        Throwable error = catchThrowable(() -> PvBusGrpc.newBlockingStub(channel)
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .kvRead(KvReadRequest.newBuilder().setKey(key).build()));
        assertThat(error).as("the call must fail").isNotNull();
        return AgentFailure.of(error);
    }

    @Test
    void theAgentsErrnoComesFromItsErrorInfo() {
        AgentFailure failure = read("errno:ENOENT", 10_000);

        assertThat(failure.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure.reason()).contains("ENOENT");
        assertThat(failure.errno()).isEqualTo("ENOENT");
        assertThat(failure.describe()).isEqualTo("ENOENT: refused: errno:ENOENT");
    }

    @Test
    void aLimitExceededIsE2bigAsTheKernelWouldSay() {
        AgentFailure failure = read("errno:LIMIT_EXCEEDED", 10_000);

        assertThat(failure.reason()).contains(AgentFailure.LIMIT_EXCEEDED);
        assertThat(failure.errno()).isEqualTo("E2BIG");
    }

    @Test
    void aMissedDeadlineIsEtimedoutWithoutAnAgentReason() {
        AgentFailure failure = read("sleep:2000", 100);

        assertThat(failure.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(failure.reason()).isEmpty();
        assertThat(failure.errno()).isEqualTo("ETIMEDOUT");
        assertThat(failure.describe()).startsWith("DEADLINE_EXCEEDED: ");
    }

    @Test
    void aRefusedConnectionIsEioAndSaysWhatTheTransportSaw() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        channel.shutdownNow();
        channel = AgentChannels.open(AgentAddress.tcp("127.0.0.1", closedPort), ChannelSettings.plaintext());

        AgentFailure failure = read("any", 10_000);

        assertThat(failure.code()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure.errno()).isEqualTo("EIO");
        assertThat(failure.describe()).startsWith("UNAVAILABLE: ").contains("Connection refused");
    }

    @Test
    void aFailureOutsideGrpcIsItsOwnMessageEvenInsideAFuture() {
        AgentFailure failure = AgentFailure.of(new CompletionException(new IllegalStateException("no channel")));

        assertThat(failure.code()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(failure.describe()).isEqualTo("no channel");
    }
}
