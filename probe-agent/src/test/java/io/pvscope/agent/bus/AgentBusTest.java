package io.pvscope.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.HeldDetectionRoot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detection started ahead is the one the bus then answers from. Detection is held by a named pipe in place
 * of a DMI file: it reads the file once per detection, and the test writes it once, so a second detection
 * would wait for ever.
 */
class AgentBusTest {

    @TempDir
    Path dir;

    @Test
    void currentWaitsForTheDetectionStartedAhead() throws Exception {
        HeldDetectionRoot held = HeldDetectionRoot.of("kvm-hyperv", dir);
        try (AgentBus bus = new AgentBus(new Detection(held.root(), Clock.systemUTC()), List.of())) {
            bus.detectAhead();
            CompletableFuture<AgentBus.View> current = CompletableFuture.supplyAsync(bus::current);

            held.release();

            AgentBus.View view = current.get(30, TimeUnit.SECONDS);
            assertThat(view.report().units()).extracting(DetectedUnit::name).containsExactly("KVM", "Hyper-V");
            // One detection: the one started ahead, which read the pipe.
            assertThat(bus.current().report()).isSameAs(view.report());
        }
    }
}
