package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.pvscope.agent.detect.HeldDetectionRoot;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.Unit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port is served before the first detection ends: health says NOT_SERVING meanwhile, and a call that
 * needs the units waits for them. Detection is held by a named pipe in place of a DMI file, which it reads
 * once per detection and which blocks until the test writes it.
 */
class FirstDetectionTest {

    @TempDir
    Path dir;

    @Test
    void healthIsNotServingUntilTheFirstDetectionEnds() throws Exception {
        HeldDetectionRoot held = HeldDetectionRoot.of("kvm-hyperv", dir);

        try (RunningAgent agent = new RunningAgent(held.root(), List.of(), WritePolicy.none())) {
            var health = HealthGrpc.newBlockingStub(agent.channel).withDeadlineAfter(20, TimeUnit.SECONDS);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(PvBusGrpc.SERVICE_NAME).build())
                    .getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(agent.server.serving()).isNotDone();
            CompletableFuture<ListUnitsResponse> units = CompletableFuture.supplyAsync(
                    () -> agent.blocking().listUnits(ListUnitsRequest.getDefaultInstance()));

            held.release();
            agent.server.serving().get(30, TimeUnit.SECONDS);

            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            ListUnitsResponse answer = units.get(30, TimeUnit.SECONDS);
            assertThat(answer.getUnitsList()).extracting(Unit::getName).containsExactly("KVM", "Hyper-V");
            assertThat(answer.getPlatform().getVendor()).isEqualTo(held.vendor().strip());
        }
    }
}
