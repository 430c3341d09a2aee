package io.pvscope.agent.kv.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
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

        Path root = dir.resolve("root");

        assertThat(XenStoreEndpoint.discover(Map.of("XENSTORED_PATH", socket.toString()), SystemRoot.of(root)))
                .hasValueSatisfying(endpoint -> assertThat(endpoint.location()).isEqualTo(socket.toString()));
        assertThat(XenStoreEndpoint.discover(Map.of(), SystemRoot.of(root))).isEmpty();
    }

    @Test
    void theDaemonsSocketComesBeforeTheXenbusDevice() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("run/xenstored"));
        Files.createDirectories(root.resolve("dev/xen"));
        Files.createFile(root.resolve("dev/xen/xenbus"));

        assertThat(XenStoreEndpoint.discover(Map.of(), SystemRoot.of(root))).hasValueSatisfying(endpoint ->
                assertThat(endpoint.location()).isEqualTo(root.resolve("dev/xen/xenbus").toString()));
        Files.createFile(root.resolve("run/xenstored/socket"));
        assertThat(XenStoreEndpoint.discover(Map.of(), SystemRoot.of(root))).hasValueSatisfying(endpoint ->
                assertThat(endpoint.location()).isEqualTo(root.resolve("run/xenstored/socket").toString()));
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
