package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cxenstored, its socket root's alone as on a stock system, served by a real agent process on the
 * default loopback listener: another local user (nobody, through setpriv, with the agent's own CLI) is
 * refused the store the system keeps it out of, and the XenBus states read from it, root reads both, and a
 * configuration that opens the local client to every local user lets nobody in.
 */
class RootOnlyStoreIT {

    private static final Path AGENT_JAR = Path.of("target/pvscope-agent.jar");
    private static final String VIF_FRONT = "/local/domain/7/device/vif/0";
    private static final String VIF_BACK = "/local/domain/0/backend/vif/7/0";
    private static final String DEVICES = "devices: ";

    @TempDir
    Path dir;

    @Test
    void aLocalUserTheSystemKeepsOutOfXenStoreIsKeptOutThroughTheAgentToo() throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED,
                Files.createDirectory(dir.resolve("xenstored")))) {
            Files.setPosixFilePermissions(xenstored.socket(), PosixFilePermissions.fromString("rw-------"));
            write(xenstored, "/local/domain/0/name", "Domain-0");
            // A vif pair, both ends connected, as a toolstack and the drivers leave it.
            write(xenstored, VIF_FRONT + "/backend", VIF_BACK);
            write(xenstored, VIF_FRONT + "/backend-id", "0");
            write(xenstored, VIF_FRONT + "/state", "4");
            write(xenstored, VIF_BACK + "/frontend", VIF_FRONT);
            write(xenstored, VIF_BACK + "/frontend-id", "7");
            write(xenstored, VIF_BACK + "/state", "4");
            String refused = readAsNobody(xenstored, "clients: [{name: local, local: true, read: [\"*\"]}]\n");
            assertThat(refused).doesNotStartWith("exit 0").contains("is not for every local user")
                    .contains(xenstored.socket() + " is mode 0600").contains("keeps uid 65534 out");
            assertThat(refused.substring(refused.indexOf(DEVICES))).as("the XenBus states are keys of that store")
                    .contains("EACCES").contains("is not for every local user").doesNotContain("Connected");
            String allowed = readAsNobody(xenstored,
                    "clients: [{name: local, local: true, every_local_user: true, read: [\"*\"]}]\n");
            assertThat(allowed).startsWith("exit 0: ").contains("Domain-0");
            assertThat(allowed.substring(allowed.indexOf(DEVICES))).contains("Connected").doesNotContain("EACCES");
            System.out.println("RootOnlyStoreIT: nobody reading XenStore through the agent: " + refused.strip());
        }
    }

    private static void write(Xenstored xenstored, String key, String value) throws Exception {
        assertThat(xenstored.client("xenstore-write", key, value).exitCode()).as("write " + key).isZero();
    }

    /**
     * Starts the agent with this configuration, reads as root, then as nobody: "exit N: output" of a listing,
     * then {@link #DEVICES} and what {@code pvscope devices} says.
     */
    private String readAsNobody(Xenstored xenstored, String config) throws Exception {
        try (AgentProcess agent = AgentProcess.serveConfigured(dir, "no-hypervisor", config,
                "--xenstore", xenstored.socket().toString())) {
            ManagedChannel channel = agent.channel();
            int unit;
            try {
                var stub = PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
                unit = stub.listUnits(ListUnitsRequest.getDefaultInstance()).getUnitsList().stream()
                        .filter(each -> each.getStore().equals("xenstore")).mapToInt(Unit::getUnit).findFirst()
                        .orElseThrow();
                assertThat(stub.kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey("/local/domain/0/name")
                        .build()).getValue().toStringUtf8()).as("root reads it").isEqualTo("Domain-0");
                ListDevicesResponse devices = stub.listDevices(ListDevicesRequest.getDefaultInstance());
                assertThat(devices.getErrorsList()).as("root reads the XenBus states").isEmpty();
                assertThat(devices.getDevicesList()).anyMatch(device -> device.getBus().equals("xenbus"));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            LocalAttacker.Result nobody = LocalAttacker.runAgentCli(AGENT_JAR, "ls", "-l", "-H",
                    "127.0.0.1:" + agent.port, "-u", Integer.toString(unit), "/local/domain/0");
            LocalAttacker.Result devices = LocalAttacker.runAgentCli(AGENT_JAR, "devices", "-H",
                    "127.0.0.1:" + agent.port);
            return "exit " + nobody.exitCode() + ": " + (nobody.stdout() + nobody.stderr()).strip() + "\n" + DEVICES
                    + (devices.stdout() + devices.stderr()).strip();
        }
    }
}
