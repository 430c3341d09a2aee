package io.pvscope.agent.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may talk to a TLS agent at all: real handshakes on loopback, tokens and client certificates. */
class AuthenticationTest {

    private static final GetAgentInfoRequest INFO = GetAgentInfoRequest.getDefaultInstance();

    @TempDir
    Path dir;

    private SecureAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new SecureAgent(dir, "");
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    static void assertStatus(ThrowingCallable call, Status.Code code, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(String.valueOf(e.getStatus().getDescription())).contains(text);
        });
    }

    @Test
    void plaintextToTheTlsPortFails() {
        ManagedChannel plaintext = agent.plaintext();

        assertThatThrownBy(() -> SecureAgent.stub(plaintext, SecureAgent.IDE_TOKEN).getAgentInfo(INFO))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aClientLimitedToTls12CannotConnect() throws Exception {
        ManagedChannel tls12 = NettyChannelBuilder.forAddress("localhost", agent.agent.address().getPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(agent.ca.certificatePem().toFile())
                        .protocols("TLSv1.2").build()).build();
        try {
            assertThatThrownBy(() -> SecureAgent.stub(tls12, SecureAgent.IDE_TOKEN).getAgentInfo(INFO))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            tls12.shutdownNow();
        }
    }

    @Test
    void missingTokenIsUnauthenticatedAndAudited() throws Exception {
        assertStatus(() -> SecureAgent.stub(agent.tls(null), null).getAgentInfo(INFO),
                Status.Code.UNAUTHENTICATED, "credentials required");

        assertThat(agent.auditLines()).contains("\"audit\":\"auth\"", "\"outcome\":\"unauthenticated\"",
                "credentials required");
    }

    @Test
    void wrongTokenIsUnauthenticatedAndAuditedWithoutTheToken() throws Exception {
        String wrong = SecureAgent.IDE_TOKEN.replace('0', 'x');

        assertStatus(() -> SecureAgent.stub(agent.tls(null), wrong).getAgentInfo(INFO),
                Status.Code.UNAUTHENTICATED, "not one this agent accepts");

        assertThat(agent.auditLines()).contains("\"audit\":\"auth\"", "\"outcome\":\"unauthenticated\"")
                .doesNotContain(wrong).doesNotContain(SecureAgent.IDE_TOKEN);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedAndAudited() throws Exception {
        CallCredentials both = new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor,
                                             MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + SecureAgent.VIEWER_TOKEN.replace('0', 'x'));
                headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + SecureAgent.IDE_TOKEN);
                applier.apply(headers);
            }
        };

        assertStatus(() -> PvBusGrpc.newBlockingStub(agent.tls(null)).withCallCredentials(both).getAgentInfo(INFO),
                Status.Code.UNAUTHENTICATED, "more than one authorization header");
        assertThat(agent.auditLines()).contains("more than one authorization header");
    }

    @Test
    void aTokenIsTheCallerAndAgentInfoShowsItsOwnRightsOnly() throws Exception {
        AgentInfo ide = SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN).getAgentInfo(INFO);
        AgentInfo viewer = SecureAgent.stub(agent.tls(null), SecureAgent.VIEWER_TOKEN).getAgentInfo(INFO);

        assertThat(ide.getCallerIdentity()).isEqualTo("ide");
        assertThat(ide.getReadOnly()).isFalse();
        assertThat(ide.getAllowedWritePrefixesList()).containsExactly("sim:data/");
        assertThat(viewer.getCallerIdentity()).isEqualTo("viewer");
        assertThat(viewer.getReadOnly()).isTrue();
        assertThat(viewer.getAllowedWritePrefixesList()).isEmpty();
        assertThat(ide.toString() + viewer).doesNotContain(SecureAgent.IDE_TOKEN, SecureAgent.VIEWER_TOKEN);
    }

    @Test
    void aClientCertificateFromTheCaIsTheCallerBySubject() throws Exception {
        TestPki.Issued robot = TestPki.client(dir, agent.ca, "robot");

        AgentInfo info = SecureAgent.stub(agent.tls(robot), null).getAgentInfo(INFO);

        assertThat(info.getCallerIdentity()).isEqualTo(SecureAgent.ROBOT_SUBJECT);
        assertThat(info.getAllowedWritePrefixesList()).containsExactly("sim:data/robot/");
    }

    @Test
    void aCertificateFromAnotherCaIsNotAcceptedAndIsAudited() throws Exception {
        TestPki.Issued otherCa = TestPki.authority(dir, "other-ca");
        TestPki.Issued impostor = TestPki.client(dir, otherCa, "robot");

        // The client keeps a certificate that the server's CA list does not name to itself.
        assertStatus(() -> SecureAgent.stub(agent.tls(impostor), null).getAgentInfo(INFO),
                Status.Code.UNAUTHENTICATED, "credentials required");
        assertThat(agent.auditLines()).contains("\"audit\":\"auth\"", "\"outcome\":\"unauthenticated\"");
    }

    @Test
    void anExpiredCertificateFailsTheHandshakeAndIsAudited() throws Exception {
        TestPki.Issued expired = TestPki.client(dir, agent.ca, "robot", java.time.Instant.now().minusSeconds(3600));

        assertThatThrownBy(() -> SecureAgent.stub(agent.tls(expired), null).getAgentInfo(INFO))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

        assertThat(agent.auditLines()).contains("\"audit\":\"auth\"", "client certificate rejected",
                "\"identity\":\"unverified:" + SecureAgent.ROBOT_SUBJECT + "\"").doesNotContain("null:-1");
    }

    @Test
    void aCertificateThatNoClientEntryNamesIsPermissionDenied() throws Exception {
        TestPki.Issued stranger = TestPki.client(dir, agent.ca, "stranger");

        assertStatus(() -> SecureAgent.stub(agent.tls(stranger), null).kvRead(KvReadRequest.newBuilder()
                .setKey("name").build()), Status.Code.PERMISSION_DENIED, "CN=stranger");
        assertThat(agent.auditLines()).contains("CN=stranger");
    }

    @Test
    void healthChecksNeedNoCredentials() throws Exception {
        agent.agent.serving().get(30, java.util.concurrent.TimeUnit.SECONDS);
        var health = HealthGrpc.newBlockingStub(agent.tls(null));

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
