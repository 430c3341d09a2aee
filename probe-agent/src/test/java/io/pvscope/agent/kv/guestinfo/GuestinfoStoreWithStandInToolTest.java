package io.pvscope.agent.kv.guestinfo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The success paths of the guestinfo store, run against a stand-in for vmware-rpctool with the same
 * command-line contract: the real tool needs a VMware hypervisor, which no test machine here has (its
 * refusal is tested with the real tool in {@link GuestinfoStoreWithRealToolTest}).
 */
class GuestinfoStoreWithStandInToolTest {

    @TempDir
    Path dir;

    private GuestinfoStore store;
    private Path values;

    @BeforeEach
    void setUp() throws Exception {
        values = Files.createDirectory(dir.resolve("values"));
        Path tool = dir.resolve("vmware-rpctool");
        String script = Files.readString(Path.of(getClass().getResource("/guestinfo/stand-in-vmware-rpctool").toURI()))
                .replace("dir=${GUESTINFO_DIR:?}", "dir='" + values + "'");
        Files.writeString(tool, script);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        store = new GuestinfoStore(tool, Duration.ofSeconds(10));
    }

    @Test
    void writtenKeyIsReadBackAndTheWriteReturnsNothing() throws Exception {
        assertThat(store.write("guestinfo.hostname", "vm-111.example.com".getBytes(UTF_8))).isEmpty();

        assertThat(new String(store.read("guestinfo.hostname").bytes(), UTF_8)).isEqualTo("vm-111.example.com");
        assertThat(Files.readString(values.resolve("guestinfo.hostname"))).isEqualTo("vm-111.example.com");
        assertThat(store.unavailableReason()).isEmpty();
    }

    @Test
    void keyIsPassedVerbatimWithoutAGuestinfoPrefix() throws Exception {
        store.write("plain-key", "v".getBytes(UTF_8));

        assertThat(values.resolve("plain-key")).exists();
        assertThat(values.resolve("guestinfo.plain-key")).doesNotExist();
    }

    @Test
    void unknownKeyIsEinvalAsVmtReportsAHostRefusal() {
        assertThatThrownBy(() -> store.read("guestinfo.nothing"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                    assertThat(e.getMessage()).contains("No value found");
                });
    }

    @Test
    void commandsThatDoNotFitVmtsBufferAreEinvalAndNothingIsWritten() {
        String key = "guestinfo.big";
        byte[] value = "v".repeat(4096 - "info-set guestinfo.big ".length()).getBytes(UTF_8);

        assertThatThrownBy(() -> store.write(key, value)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThat(values.resolve(key)).doesNotExist();
    }

    @Test
    void keysWithWhiteSpaceAndListingAreRefused() {
        assertThatThrownBy(() -> store.write("guestinfo.a b", new byte[] {'x'}))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> store.list("guestinfo"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP));
    }

    @Test
    void aToolThatHangsEndsInEtimedout() throws Exception {
        Path slow = dir.resolve("slow-rpctool");
        Files.writeString(slow, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> new GuestinfoStore(slow, Duration.ofMillis(300)).read("guestinfo.x"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
    }
}
