package io.pvscope.agent.server.security;

import static io.pvscope.agent.server.security.AuthenticationTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new configuration takes effect for new calls while open streams go on. */
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
    void aBrokenConfigurationIsRefusedWithTheSettingNamed() throws Exception {
        Files.writeString(agent.config, Files.readString(agent.config).replace("read: [\"*\"]", "raed: [\"*\"]"));

        assertThatThrownBy(() -> ConfigFile.load(agent.config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("clients[0].raed: unknown setting");
        assertThat(SecureAgent.stub(agent.tls(null), SecureAgent.IDE_TOKEN).getAgentInfo(
                io.pvscope.proto.v1.GetAgentInfoRequest.getDefaultInstance()).getAllowedWritePrefixesList())
                .containsExactly("sim:data/");
    }
}
