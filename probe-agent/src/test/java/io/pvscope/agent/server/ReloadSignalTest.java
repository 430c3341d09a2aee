package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP to a real agent process, as {@code systemctl reload} sends it: an agent started without --config
 * says there is nothing to reload and goes on (it used to exit, as the JVM does by default), and a
 * configuration file whose numbers are out of range is refused without a stack trace.
 */
class ReloadSignalTest {

    @TempDir
    Path dir;

    @Test
    void sighupWithoutAConfigFileChangesNothingAndTheAgentGoesOn() throws Exception {
        Path log = dir.resolve("agent.log");
        try (AgentProcess agent = AgentProcess.serveGuest(dir, "no-hypervisor",
                "--store", "sim=" + dir.resolve("sim.json"))) {
            hangUp(agent);

            AgentProcess.awaitLog(log, "pvscope-agent: SIGHUP: nothing to reload (started without --config)");
            assertThat(ProcessHandle.of(agent.pid()).map(ProcessHandle::isAlive)).contains(true);
            agent.assertServes();
        }
    }

    @Test
    void aConfigurationWithANumberOutOfRangeIsRefusedOnReloadAndTheRunningOneKept() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Path log = dir.resolve("agent.log");
        try (AgentProcess agent = AgentProcess.serveConfigured(dir, "no-hypervisor",
                "clients: [{name: local, local: true, read: [\"*\"]}]\n",
                "--store", "sim=" + dir.resolve("sim.json"))) {
            Files.writeString(config, "clients: [{name: local, local: true, read: [\"*\"]}]\n"
                    + "limits: {max_value_bytes: \"99999999999999999999\"}\n");
            hangUp(agent);

            AgentProcess.awaitLog(log, "pvscope-agent: reload refused, keeping the running configuration");
            assertThat(Files.readString(log)).doesNotContain("Exception in thread");
            agent.assertServes();
        }
    }

    private static void hangUp(AgentProcess agent) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    }
}
