package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.SecretStore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetSecurity;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.MapSecrets;
import io.pvscope.core.tests.agent.TestCertificates;
import io.pvscope.proto.v1.ListUnitsResponse;

/** The real agent serving TLS 1.3 and asking for a bearer token. */
class TlsConnectionTest {

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static String token;
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        certificates = TestCertificates.create(dir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        token = HexFormat.of().formatHex(random);
        // The agent refuses token files that others may read.
        Path tokenFile = Files.createFile(dir.resolve("token"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);
        agent = AgentProcess.start(List.of("--tls-cert", certificates.serverCert().toString(),
                "--tls-key", certificates.serverKey().toString(), "--token-file", tokenFile.toString()));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void tlsWithTheRightTokenListsUnits() throws Exception {
        Target target = agent.target().withSecurity(TargetSecurity.tls(certificates.ca().toString()));
        TargetConnection connection = connection(target, token);

        connection.connect().get(30, TimeUnit.SECONDS);
        ListUnitsResponse units = connection.fetchUnits().get(30, TimeUnit.SECONDS);
        connection.disconnect();

        assertTrue(units.getUnitsCount() > 0, "the agent lists its units");
    }

    @Test
    void aWrongTokenEndsFailedWithUnauthenticated() throws Exception {
        Target target = agent.target().withSecurity(TargetSecurity.tls(certificates.ca().toString()));
        TargetConnection connection = connection(target, "not-the-token-" + token);

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertEquals(ConnectionStatus.FAILED, connection.state().status());
        assertTrue(connection.state().message().contains("UNAUTHENTICATED"), connection.state().message());
    }

    @Test
    void noTokenIsRefusedToo() throws Exception {
        Target target = agent.target().withSecurity(TargetSecurity.tls(certificates.ca().toString()));
        TargetConnection connection = connection(target, null);

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertTrue(connection.state().message().contains("UNAUTHENTICATED"), connection.state().message());
    }

    @Test
    void plaintextToTheTlsPortFails() throws Exception {
        TargetConnection connection = connection(agent.target(), token);

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertEquals(ConnectionStatus.FAILED, connection.state().status());
        assertFalse(connection.agentInfo().isPresent(), "no answer over plaintext");
    }

    @Test
    void anUntrustedServerCertificateFails() throws Exception {
        // The server's own certificate is not a CA: trusting it alone cannot validate the chain.
        Target target = agent.target().withSecurity(TargetSecurity.tls(certificates.clientCert().toString()));
        TargetConnection connection = connection(target, token);

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertEquals(ConnectionStatus.FAILED, connection.state().status());
    }

    @Test
    void aTokenIsNotSentInPlaintextOffThisMachine() throws Exception {
        // TEST-NET-1: never routed, so only the refusal can produce this message.
        TargetConnection connection = connection(new Target(null, "192.0.2.1", 7393), token);

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertTrue(connection.state().message().contains("refusing to send a token in plaintext to 192.0.2.1:7393"),
                connection.state().message());
    }

    private static TargetConnection connection(Target target, String withToken) {
        SecretStore secrets = new MapSecrets();
        if (withToken != null) {
            secrets.setToken(target, withToken);
        }
        return new TargetConnection(target, secrets, c -> {
        }, () -> TargetConnection.DEFAULT_CALL_TIMEOUT);
    }
}
