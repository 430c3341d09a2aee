package io.pvscope.agent.server.security;

import static io.pvscope.agent.server.security.AuthenticationTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new configuration takes effect for new calls; open streams go on when their client is still let in with
 * the same grant, and end PERMISSION_DENIED (audited) when it was removed or its grant changed.
 */
class ReloadTest {

    @TempDir
    Path dir;

    private SecureAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new SecureAgent(dir, "");
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private static KvWriteRequest write(String key) {
        return KvWriteRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")).build();
    }

    @Test
    void reloadChangesGrantsWithoutDroppingWatches() throws Exception {
        BlockingQueue<Object> watch = agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif/0");
        SecureAgent.awaitSync(watch);
        var ide = SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN);
        ide.kvWrite(write("data/a"));

        Files.writeString(agent.config, Files.readString(agent.config)
                .replace("write: [\"sim:data/\"]", "write: [\"sim:device/\"]"));
        agent.agent.reload(ConfigFile.load(agent.config));

        assertStatus(() -> ide.kvWrite(write("data/b")), Status.Code.PERMISSION_DENIED, "sim:device/");
        ide.kvWrite(write("device/vif/0/state"));
        Object event = SecureAgent.next(watch);
        assertThat(event).isInstanceOfSatisfying(WatchEvent.class,
                e -> assertThat(e.getUpdate().getKey()).isEqualTo("device/vif/0/state"));
    }

    @Test
    void aRemovedClientsWatchEndsAtTheReloadWhileOthersGoOn() throws Exception {
        BlockingQueue<Object> viewer = agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif/0");
        SecureAgent.awaitSync(viewer);
        BlockingQueue<Object> ide = agent.watch(SecureAgent.IDE_TOKEN, "device/vif/0");
        SecureAgent.awaitSync(ide);

        Files.writeString(agent.config, Files.readString(agent.config).replaceAll(
                "(?s)  - name: viewer\n    token_file: viewer.token\n    read: \\[\"sim:device/\"\\]\n", ""));
        assertThat(Files.readString(agent.config)).doesNotContain("viewer");
        agent.agent.reload(ConfigFile.load(agent.config));

        assertThat(SecureAgent.next(viewer)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).contains("'viewer' is no longer allowed this call");
        });
        assertThat(agent.auditLines()).contains("\"outcome\":\"revoked\"").contains("'viewer' is no longer allowed");
        assertStatus(() -> SecureAgent.stub(agent.tls(null), SecureAgent.VIEWER_TOKEN)
                .getAgentInfo(io.pvscope.proto.v1.GetAgentInfoRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "bearer token");
        assertThat(ide.poll(500, TimeUnit.MILLISECONDS)).as("the ide's watch, its grant unchanged, goes on").isNull();
        assertThat(agent.auditLines().split("\"outcome\":\"revoked\"", -1)).hasSize(2);
    }

    @Test
    void aWatchWhoseGrantNarrowedEndsAtTheReload() throws Exception {
        BlockingQueue<Object> viewer = agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif/0");
        SecureAgent.awaitSync(viewer);

        Files.writeString(agent.config, Files.readString(agent.config)
                .replace("read: [\"sim:device/\"]", "read: [\"sim:device/vbd/\"]"));
        agent.agent.reload(ConfigFile.load(agent.config));

        assertThat(SecureAgent.next(viewer)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void aBrokenConfigurationIsRefusedWithTheSettingNamed() throws Exception {
        Files.writeString(agent.config, Files.readString(agent.config).replace("read: [\"*\"]", "raed: [\"*\"]"));

        assertThatThrownBy(() -> ConfigFile.load(agent.config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("clients[0].raed: unknown setting");
        assertThat(SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN).getAgentInfo(
                io.pvscope.proto.v1.GetAgentInfoRequest.getDefaultInstance()).getAllowedWritePrefixesList())
                .containsExactly("sim:data/");
    }
}
