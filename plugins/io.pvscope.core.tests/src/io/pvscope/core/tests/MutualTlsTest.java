package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import io.pvscope.core.tests.agent.TestCertificates;

/** The real agent asking for a client certificate signed by its CA. */
class MutualTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        certificates = TestCertificates.create(dir);
        agent = AgentProcess.start(List.of("--tls-cert", certificates.serverCert().toString(),
                "--tls-key", certificates.serverKey().toString(), "--client-ca", certificates.ca().toString()));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void theClientCertificateIsAccepted() throws Exception {
        TargetConnection connection = connection(new TargetSecurity(true, certificates.ca().toString(),
                certificates.clientCert().toString(), certificates.clientKey().toString()));

        connection.connect().get(30, TimeUnit.SECONDS);
        int units = connection.fetchUnits().get(30, TimeUnit.SECONDS).getUnitsCount();
        connection.disconnect();

        assertTrue(units > 0, "the agent lists its units");
    }

    @Test
    void withoutAClientCertificateTheConnectFails() throws Exception {
        TargetConnection connection = connection(TargetSecurity.tls(certificates.ca().toString()));

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertEquals(ConnectionStatus.FAILED, connection.state().status());
    }

    @Test
    void aMissingKeyFileIsReportedByName() throws Exception {
        String missing = certificates.clientKey() + ".missing";
        TargetConnection connection = connection(new TargetSecurity(true, certificates.ca().toString(),
                certificates.clientCert().toString(), missing));

        assertThrows(ExecutionException.class, () -> connection.connect().get(30, TimeUnit.SECONDS));

        assertTrue(connection.state().message().contains(missing), connection.state().message());
    }

    private static TargetConnection connection(TargetSecurity security) {
        Target target = agent.target().withSecurity(security);
        return new TargetConnection(target, SecretStore.NONE, c -> {
        }, () -> TargetConnection.DEFAULT_CALL_TIMEOUT);
    }
}
