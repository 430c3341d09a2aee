package io.pvscope.agent.server.security;

import static io.pvscope.agent.server.security.AuthenticationTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.agent.server.ErrorStatuses;
import io.pvscope.client.AgentFailure;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each limit, exceeded on a real agent: the error names it, and the other clients go on being served. */
class LimitsTest {

    private static final GetAgentInfoRequest INFO = GetAgentInfoRequest.getDefaultInstance();

    @TempDir
    Path dir;

    private SecureAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private void start(String limits) throws Exception {
        agent = new SecureAgent(dir, "limits: " + limits + "\n");
    }

    /** The one refused call: its status, its message and the ErrorInfo that names the limit, all on one exception. */
    private static void assertLimit(ThrowingCallable call, Status.Code code, String limit) {
        Throwable refused = catchThrowable(call);
        assertThat(refused).isInstanceOf(StatusRuntimeException.class);
        assertLimit((StatusRuntimeException) refused, code, limit);
    }

    private static void assertLimit(StatusRuntimeException refused, Status.Code code, String limit) {
        assertThat(refused.getStatus().getCode()).isEqualTo(code);
        assertThat(refused.getStatus().getDescription()).contains(limit);
        List<ErrorInfo> infos = errorInfos(refused);
        assertThat(infos).as("ErrorInfo details of %s", refused).hasSize(1);
        assertThat(infos.get(0).getReason()).isEqualTo(AgentFailure.LIMIT_EXCEEDED);
        assertThat(infos.get(0).getDomain()).isEqualTo(ErrorStatuses.DOMAIN);
        assertThat(infos.get(0).getMetadataMap()).containsExactly(entry("limit", limit));
        // What clients make of it: the reason read back, the errno hostctl reports.
        AgentFailure failure = AgentFailure.of(refused);
        assertThat(failure.reason()).contains(AgentFailure.LIMIT_EXCEEDED);
        assertThat(failure.errno()).isEqualTo("E2BIG");
    }

    private static List<ErrorInfo> errorInfos(StatusRuntimeException refused) {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        assertThat(status).as("rich status of %s", refused).isNotNull();
        List<ErrorInfo> infos = new ArrayList<>();
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    infos.add(detail.unpack(ErrorInfo.class));
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return infos;
    }

    @Test
    void aClientOverItsRateIsResourceExhaustedWhileOthersAreServed() throws Exception {
        start("{rate_per_second: 0.001, rate_burst: 3}");
        var viewer = SecureAgent.stub(agent.tls(null), SecureAgent.VIEWER_TOKEN);
        for (int i = 0; i < 3; i++) {
            viewer.getAgentInfo(INFO);
        }

        assertLimit(() -> viewer.getAgentInfo(INFO), Status.Code.RESOURCE_EXHAUSTED, "rate_per_second");
        assertThat(SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN).getAgentInfo(INFO).getCallerIdentity())
                .isEqualTo("ide");
        assertThat(agent.auditLines()).contains("\"audit\":\"call\"", "\"identity\":\"viewer\"", "rate_per_second");
    }

    @Test
    void streamsPerClientAreLimitedPerClient() throws Exception {
        start("{max_streams_per_client: 1}");
        SecureAgent.awaitSync(agent.watch(SecureAgent.IDE_TOKEN, "data"));

        Object refused = SecureAgent.next(agent.watch(SecureAgent.IDE_TOKEN, "device"));
        assertThat(refused).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertLimit(e, Status.Code.RESOURCE_EXHAUSTED, "max_streams_per_client"));
        SecureAgent.awaitSync(agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif"));
    }

    @Test
    void callsInProgressPerClientAreLimited() throws Exception {
        start("{max_calls_per_client: 1}");
        SecureAgent.awaitSync(agent.watch(SecureAgent.IDE_TOKEN, "data"));

        assertLimit(() -> SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN).getAgentInfo(INFO),
                Status.Code.RESOURCE_EXHAUSTED, "max_calls_per_client");
        SecureAgent.stub(agent.tls(null), SecureAgent.VIEWER_TOKEN).getAgentInfo(INFO);
    }

    @Test
    void watchersAreLimitedOnTheWholeAgent() throws Exception {
        start("{max_watchers: 1}");
        SecureAgent.awaitSync(agent.watch(SecureAgent.IDE_TOKEN, "data"));

        Object refused = SecureAgent.next(agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif"));
        assertThat(refused).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertLimit(e, Status.Code.RESOURCE_EXHAUSTED, "max_watchers"));
        SecureAgent.stub(agent.tls(null), SecureAgent.VIEWER_TOKEN).kvRead(KvReadRequest.newBuilder()
                .setKey("device/vif/0/mac").build());
    }

    @Test
    void valuesOverTheConfiguredSizeAreOutOfRange() throws Exception {
        start("{max_value_bytes: 16, max_key_bytes: 32}");
        var ide = SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN);

        assertLimit(() -> ide.kvWrite(KvWriteRequest.newBuilder().setKey("data/v")
                .setValue(ByteString.copyFromUtf8("x".repeat(17))).build()), Status.Code.OUT_OF_RANGE, "max_value_bytes");
        assertLimit(() -> ide.kvRead(KvReadRequest.newBuilder().setKey("data/" + "k".repeat(28)).build()),
                Status.Code.OUT_OF_RANGE, "max_key_bytes");
        ide.kvWrite(KvWriteRequest.newBuilder().setKey("data/v").setValue(ByteString.copyFromUtf8("x".repeat(16)))
                .build());
    }

    @Test
    void messagesOverTheMessageSizeAreRefusedByTransport() throws Exception {
        start("{max_message_bytes: 65536}");
        var ide = SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN);

        assertStatus(() -> ide.kvWrite(KvWriteRequest.newBuilder().setKey("data/v")
                .setValue(ByteString.copyFrom(new byte[70_000])).build()), Status.Code.RESOURCE_EXHAUSTED, "65536");
        assertThat(ide.getAgentInfo(INFO).getLimits().getMaxMessageBytes()).isEqualTo(65536);
    }

    @Test
    void aBackendThatHangsCostsTheCallerItsDeadlineNotTheAgent() throws Exception {
        SlowStore slow = new SlowStore(SimStore.open(dir.resolve("sim.json")));
        agent = new SecureAgent(dir, "limits: {backend_deadline: 300ms}\n", slow);
        try {
            var ide = SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN);

            assertLimit(() -> ide.kvRead(KvReadRequest.newBuilder().setKey("slow").build()),
                    Status.Code.DEADLINE_EXCEEDED, "backend_deadline");
            assertThat(ide.kvRead(KvReadRequest.newBuilder().setKey("name").build()).getValue().toStringUtf8())
                    .isEqualTo("pvscope-demo");
        } finally {
            slow.release.countDown();
        }
    }
}
