package io.pvscope.agent.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token guessing on one connection, as fast as the agent answers, against a real agent with TLS and tokens:
 * after 10 failures the guesser's calls are refused unchecked (RESOURCE_EXHAUSTED, failed_authentications)
 * with a growing back-off, and the audit gets one line per block instead of one per guess.
 */
class FailedAuthenticationTest {

    private static final long FLOOD_NANOS = TimeUnit.SECONDS.toNanos(3);

    @TempDir
    Path dir;

    @Test
    void guessesAreCheckedOnlyUntilTheBackOffThenRefusedUncheckedAndAuditedOncePerBlock() throws Exception {
        try (SecureAgent agent = new SecureAgent(dir, "")) {
            guess(agent);
        }
    }

    private static void guess(SecureAgent agent) throws Exception {
        ManagedChannel channel = agent.tls(null);
        int checked = 0;
        int blocked = 0;
        long start = System.nanoTime();
        for (int guess = 0; System.nanoTime() - start < FLOOD_NANOS; guess++) {
            String token = String.format("guess-%030d", guess);
            try {
                SecureAgent.stub(channel, token).getAgentInfo(GetAgentInfoRequest.getDefaultInstance());
                throw new AssertionError("a guessed token was accepted");
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                    checked++;
                } else {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("too many failed authentications from uid ");
                    blocked++;
                }
            }
        }
        String audit = agent.auditLines();
        long auditLines = audit.lines().count();
        System.out.printf("FailedAuthenticationTest: in 3 s, %d guesses checked (%.1f per second), %d refused"
                + " unchecked; %d audit lines%n", checked, checked / 3.0, blocked, auditLines);
        // 1 s, then 2 s of block: at most two rounds of 10 checked guesses fit in 3 s.
        assertThat(checked).isBetween(10, 30);
        assertThat(blocked).isPositive();
        assertThat(auditLines).isLessThanOrEqualTo(checked + 3L);
        assertThat(audit).contains("10 failed authentications from uid ");

        // The same user with the right token is refused while blocked, and served once the block is over.
        PvBusGrpc.PvBusBlockingStub ide = SecureAgent.stub(channel, SecureAgent.IDE_TOKEN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String identity = null;
        while (identity == null && System.nanoTime() < deadline) {
            try {
                identity = ide.getAgentInfo(GetAgentInfoRequest.getDefaultInstance()).getCallerIdentity();
            } catch (StatusRuntimeException stillBlocked) {
                assertThat(stillBlocked.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                Thread.sleep(100);
            }
        }
        assertThat(identity).isEqualTo("ide");
    }
}
