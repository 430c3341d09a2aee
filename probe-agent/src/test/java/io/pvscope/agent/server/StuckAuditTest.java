package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of the audit lines that stops reading (a stuck journal) stops neither refused reads nor the reads
 * and writes that follow them, on a real server: the refusals are answered, counted when they cannot be
 * written, and a write waits only for its own line.
 */
class StuckAuditTest {

    private static final int SIM = 0;

    @TempDir
    Path dir;

    @Test
    void refusedReadsAreAnsweredAndLaterCallsToo() throws Exception {
        StuckOutput stuck = new StuckOutput();
        int refusals = AuditWriter.CAPACITY + 500;
        AgentLimits limits = RunningAgent.generous(10);
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(SimStore.open(dir.resolve("sim.json"))), WritePolicy.of(List.of("sim:data/")), limits,
                stuck)) {
            agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("name").build());
            String tooLong = "k".repeat(limits.maxKeyBytes() + 1);
            for (int i = 0; i < refusals; i++) {
                KvReadRequest refused = KvReadRequest.newBuilder().setUnit(SIM).setKey(tooLong).build();
                assertThatThrownBy(() -> agent.blocking().kvRead(refused))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                                .isNotIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.UNAVAILABLE));
            }

            assertThat(agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("name").build())
                    .getValue().toStringUtf8()).isNotEmpty();
            stuck.release();
            agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(SIM).setKey("data/after")
                    .setValue(ByteString.copyFromUtf8("v")).build());
            assertThat(agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(SIM).setKey("data/after").build())
                    .getValue().toStringUtf8()).isEqualTo("v");
            assertThat(agent.server.flushAudit(java.time.Duration.ofSeconds(10))).isTrue();
        } finally {
            stuck.release();
        }
        assertThat(stuck.refusalLines() + stuck.refusalsCounted()).as("every refusal written or counted")
                .isEqualTo(refusals);
        assertThat(stuck.text()).contains("\"key\":\"data/after\"");
    }
}
