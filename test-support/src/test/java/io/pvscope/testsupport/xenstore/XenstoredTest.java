package io.pvscope.testsupport.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.testsupport.KitAssumptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kit's daemon itself: what the agent's, the plug-in's and the bench's uses rely on. */
class XenstoredTest {

    private static final Path BUILD = Path.of("target/xenstored-shim").toAbsolutePath();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Xenstored.Daemon.class)
    void clientsWriteAndReadAndARestartForgetsEverything(Xenstored.Daemon daemon) throws Exception {
        try (Xenstored xenstored = KitAssumptions.orSkip(() -> Xenstored.start(daemon, dir, BUILD))) {
            xenstored.write("/test/key", "value");
            assertThat(xenstored.read("/test/key")).isEqualTo("value");
            assertThat(xenstored.client("xenstore-ls", "/test").line()).contains("key = \"value\"");
            long before = xenstored.pid();

            xenstored.restart();

            assertThat(xenstored.pid()).isNotEqualTo(before);
            assertThat(xenstored.read("/test/key")).isNull();
            assertThat(xenstored.dir().resolve("xsd_port")).hasContent("2");
            assertThat(xenstored.eventChannel()).exists();
        }
    }

    @Test
    void aFrozenDaemonAnswersOnlyOnceThawed() throws Exception {
        try (Xenstored xenstored = KitAssumptions.orSkip(
                () -> Xenstored.start(Xenstored.Daemon.CXENSTORED, dir, BUILD))) {
            xenstored.write("/k", "v");
            xenstored.freeze();
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return xenstored.read("/k");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(read).isNotDone();

            xenstored.thaw();

            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(xenstored.traceTail(50)).contains("/k");
        }
    }

    @Test
    void aTemporaryDirectoryGoesWithTheDaemon() throws Exception {
        Path made;
        try (Xenstored xenstored = KitAssumptions.orSkip(
                () -> Xenstored.startInTempDir(Xenstored.Daemon.CXENSTORED, BUILD))) {
            made = xenstored.dir();
            assertThat(made.resolve("socket")).exists();
        }
        assertThat(made).doesNotExist();
    }

    @Test
    void aSocketPathTooLongForUnixSocketsIsRefusedUpFront() throws Exception {
        Path deep = dir.resolve("d".repeat(110));
        assumeTrue(Xenstored.unavailableReason(Xenstored.Daemon.CXENSTORED).isEmpty(),
                () -> Xenstored.unavailableReason(Xenstored.Daemon.CXENSTORED).orElseThrow());
        assertThatThrownBy(() -> Xenstored.start(Xenstored.Daemon.CXENSTORED, deep, BUILD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("107");
        assertThat(Files.exists(deep)).isFalse();
    }
}
