package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.xenstore.XenstoredProcess;
import io.pvscope.proto.v1.KvReadRequest;
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
 * refused the store the system keeps it out of, root reads it, and a configuration that opens the local
 * client to every local user lets nobody in.
 */
class RootOnlyStoreIT {

    private static final Path AGENT_JAR = Path.of("target/pvscope-agent.jar");

    @TempDir
    Path dir;

    @Test
    void aLocalUserTheSystemKeepsOutOfXenStoreIsKeptOutThroughTheAgentToo() throws Exception {
        LocalAttacker.assumeRootWithSetpriv();
        try (XenstoredProcess xenstored = XenstoredProcess.start(XenstoredProcess.Daemon.CXENSTORED,
                Files.createDirectory(dir.resolve("xenstored")))) {
            Files.setPosixFilePermissions(xenstored.socket(), PosixFilePermissions.fromString("rw-------"));
            assertThat(xenstored.client("xenstore-write", "/local/domain/0/name", "Domain-0").exitCode()).isZero();
            String refused = readAsNobody(xenstored, "clients: [{name: local, local: true, read: [\"*\"]}]\n");
            assertThat(refused).doesNotStartWith("exit 0").contains("is not for every local user")
                    .contains(xenstored.socket() + " is mode 0600").contains("keeps uid 65534 out");
            String allowed = readAsNobody(xenstored,
                    "clients: [{name: local, local: true, every_local_user: true, read: [\"*\"]}]\n");
            assertThat(allowed).startsWith("exit 0: ").contains("Domain-0");
            System.out.println("RootOnlyStoreIT: nobody reading XenStore through the agent: " + refused.strip());
        }
    }

    /** Starts the agent with this configuration, reads as root, then as nobody: "exit N: output". */
    private String readAsNobody(XenstoredProcess xenstored, String config) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), config);
        try (AgentProcess agent = AgentProcess.serve(dir.resolve("agent.log"), "--root",
                FakeRoots.path("no-hypervisor").toString(), "--xenstore", xenstored.socket().toString(),
                "--config", file.toString())) {
            ManagedChannel channel = agent.channel();
            int unit;
            try {
                var stub = PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
                unit = stub.listUnits(ListUnitsRequest.getDefaultInstance()).getUnitsList().stream()
                        .filter(each -> each.getStore().equals("xenstore")).mapToInt(Unit::getUnit).findFirst()
                        .orElseThrow();
                assertThat(stub.kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey("/local/domain/0/name")
                        .build()).getValue().toStringUtf8()).as("root reads it").isEqualTo("Domain-0");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            LocalAttacker.Result nobody = LocalAttacker.runAgentCli(AGENT_JAR, "ls", "-l", "-H",
                    "127.0.0.1:" + agent.port, "-u", Integer.toString(unit), "/local/domain/0");
            return "exit " + nobody.exitCode() + ": " + (nobody.stdout() + nobody.stderr()).strip();
        }
    }
}
