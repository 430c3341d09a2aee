package io.pvscope.agent.kv.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenStoreEndpointTest {

    @TempDir
    Path dir;

    @Test
    void xenstoredPathFromTheEnvironmentWinsAsXensClientsHonourIt() {
        Path socket = dir.resolve("socket");

        assertThat(XenStoreEndpoint.discover(Map.of("XENSTORED_PATH", socket.toString())))
                .hasValueSatisfying(endpoint -> assertThat(endpoint.location()).isEqualTo(socket.toString()));
    }

    @Test
    void storeReportsItsKindUnitAndLocation() {
        try (XenStoreKvStore store = new XenStoreKvStore(XenStoreEndpoint.socket(dir.resolve("socket")))) {
            assertThat(store.info().kind()).isEqualTo("xenstore");
            assertThat(store.info().unitType()).isEqualTo("Xen");
            assertThat(store.info().nativeWatch()).isTrue();
            assertThat(store.info().simulated()).isFalse();
            assertThat(store.info().location()).isEqualTo(dir.resolve("socket").toString());
        }
    }
}
