package io.pvscope.agent.kv.xenstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.xenstore.XenstoredProcess.Daemon;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against both real daemons, read back and written through Xen's own clients. */
class XenStoreKvStoreTest {

    @TempDir
    Path dir;

    private XenstoredProcess xenstored;
    private XenStoreKvStore store;

    private XenStoreKvStore start(Daemon daemon) throws Exception {
        xenstored = XenstoredProcess.start(daemon, dir);
        store = new XenStoreKvStore(xenstored.endpoint());
        return store;
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void writtenValueIsReadBackByXenstoreRead(Daemon daemon) throws Exception {
        start(daemon);

        assertThat(store.write("/local/domain/0/name", "Domain-0".getBytes(UTF_8))).isEmpty();

        assertThat(xenstored.client("xenstore-read", "/local/domain/0/name").line()).isEqualTo("Domain-0");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void valueWrittenByXenstoreWriteIsRead(Daemon daemon) throws Exception {
        start(daemon);
        assertThat(xenstored.client("xenstore-write", "/vm/uuid", "0f1e2d3c").exitCode()).isZero();

        assertThat(new String(store.read("/vm/uuid"), UTF_8)).isEqualTo("0f1e2d3c");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void readOfMissingKeyIsNotFound(Daemon daemon) throws Exception {
        start(daemon);

        assertThatThrownBy(() -> store.read("/no/such/key"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }
}
