package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.SelfSignedCertificate;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Channels against a real gRPC server on loopback: plaintext, TLS 1.3, mutual TLS, tokens. */
class AgentChannelsTest {

    private static SelfSignedCertificate agentCertificate;
    private static SelfSignedCertificate clientCertificate;

    private LoopbackAgent agent;
    private ManagedChannel channel;

    @BeforeAll
    static void certificates() throws Exception {
        agentCertificate = new SelfSignedCertificate("localhost");
        clientCertificate = new SelfSignedCertificate("ide.example");
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private AgentInfo info(ChannelSettings settings) throws IOException {
        channel = AgentChannels.open(agent.address(), settings);
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getAgentInfo(GetAgentInfoRequest.getDefaultInstance());
    }

    private static SslContext agentTls(String protocol, ClientAuth clientAuth) throws Exception {
        var builder = GrpcSslContexts.forServer(agentCertificate.certificate(), agentCertificate.privateKey())
                .protocols(protocol).clientAuth(clientAuth);
        if (clientAuth != ClientAuth.NONE) {
            builder.trustManager(clientCertificate.certificate());
        }
        return builder.build();
    }

    private static TlsFiles trustingTheAgent() {
        return TlsFiles.trusting(agentCertificate.certificate().toPath());
    }

    @Test
    void plaintextOnLoopbackSendsTheTokenWithEveryCall() throws Exception {
        agent = LoopbackAgent.plaintext();

        assertThat(info(ChannelSettings.plaintext().withToken("s3cret")).getHostName()).isEqualTo("Bearer s3cret");
    }

    @Test
    void aTokenIsNeverSentInPlaintextOffThisMachine() {
        assertThatIllegalArgumentException().isThrownBy(() -> AgentChannels.open(AgentAddress.parse("192.0.2.1"),
                        ChannelSettings.plaintext().withToken("s3cret")))
                .withMessage("refusing to send a token in plaintext to 192.0.2.1:7393; use TLS");
    }

    @Test
    void tls13TrustingTheAgentsCertificateCarriesTheToken() throws Exception {
        agent = LoopbackAgent.tls(agentTls("TLSv1.3", ClientAuth.NONE));

        AgentInfo info = info(ChannelSettings.plaintext().withTls(trustingTheAgent()).withToken("s3cret"));

        assertThat(info.getHostName()).isEqualTo("Bearer s3cret");
        assertThat(info.getOsName()).as("no client certificate").isEmpty();
    }

    @Test
    void anAgentWhoseCertificateIsNotTrustedIsUnavailable() throws Exception {
        agent = LoopbackAgent.tls(agentTls("TLSv1.3", ClientAuth.NONE));

        Throwable error = catchThrowable(() -> info(ChannelSettings.plaintext().withTls(TlsFiles.systemTrust())));

        assertThat(AgentFailure.of(error).code()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void anAgentOfferingOnlyTls12IsRefused() throws Exception {
        agent = LoopbackAgent.tls(agentTls("TLSv1.2", ClientAuth.NONE));

        Throwable error = catchThrowable(() -> info(ChannelSettings.plaintext().withTls(trustingTheAgent())));

        assertThat(AgentFailure.of(error).code()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void mutualTlsPresentsTheClientCertificateAndFailsWithoutOne() throws Exception {
        agent = LoopbackAgent.tls(agentTls("TLSv1.3", ClientAuth.REQUIRE));
        TlsFiles withCertificate = trustingTheAgent().withClientCertificate(
                clientCertificate.certificate().toPath(), clientCertificate.privateKey().toPath());

        assertThat(info(ChannelSettings.plaintext().withTls(withCertificate)).getOsName()).isEqualTo("CN=ide.example");
        channel.shutdownNow();

        Throwable error = catchThrowable(() -> info(ChannelSettings.plaintext().withTls(trustingTheAgent())));
        assertThat(AgentFailure.of(error).code()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void unreadableTlsFilesAreNamed() {
        Path missing = Path.of("target/no-such-ca.pem");

        assertThatThrownBy(() -> AgentChannels.open(AgentAddress.parse("127.0.0.1"),
                ChannelSettings.plaintext().withTls(TlsFiles.trusting(missing))))
                .isInstanceOf(IOException.class).hasMessage("cannot read " + missing);
    }

    @Test
    void tlsIsRefusedForTheUnixSocketAndKeepaliveUnderTheAgentsMinimum() {
        assertThatIllegalArgumentException().isThrownBy(() -> AgentChannels.open(AgentAddress.parse("unix:/run/x"),
                ChannelSettings.plaintext().withTls(TlsFiles.systemTrust()))).withMessageContaining("TLS is for TCP");
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelSettings.plaintext()
                .withKeepAlive(Duration.ofSeconds(5), Duration.ofSeconds(5))).withMessageContaining("minimum of 10 s");
        assertThatIllegalArgumentException().isThrownBy(() -> ChannelSettings.plaintext().withToken("two words"))
                .withMessageContaining("printable ASCII");
    }
}
