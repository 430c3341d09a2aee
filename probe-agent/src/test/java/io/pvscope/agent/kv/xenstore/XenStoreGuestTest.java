package io.pvscope.agent.kv.xenstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.testsupport.xenstore.Xenstored.Daemon;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store as a guest sees XenStore: over the domain's ring, as an unprivileged domain the daemon checks
 * per-node permissions for, with relative keys under its own /local/domain/&lt;domid&gt;.
 */
class XenStoreGuestTest {

    private static final int DOMID = 5;
    private static final String HOME = "/local/domain/" + DOMID;

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private XenStoreKvStore guest;

    /** A daemon with domain 5 introduced and owning its home, as a toolstack leaves it. */
    private void startWithGuest(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        XenStoreEndpoint ring = GuestRing.introduce(xenstored, DOMID);
        assertThat(xenstored.client("xenstore-write", HOME + "/name", "guest5").exitCode()).isZero();
        assertThat(xenstored.client("xenstore-chmod", "-r", HOME, "n" + DOMID).exitCode()).isZero();
        guest = new XenStoreKvStore(ring);
    }

    @AfterEach
    void stop() throws Exception {
        if (guest != null) {
            guest.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void guestReadsRelativeKeysUnderItsHome(Daemon daemon) throws Exception {
        startWithGuest(daemon);

        assertThat(new String(guest.read("name").bytes(), UTF_8)).isEqualTo("guest5");
        assertThat(guest.domainPath(DOMID)).isEqualTo(HOME);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void guestWriteLandsUnderItsHome(Daemon daemon) throws Exception {
        startWithGuest(daemon);

        guest.write("data/ip", "192.0.2.5".getBytes(UTF_8));

        assertThat(xenstored.client("xenstore-read", HOME + "/data/ip").line()).isEqualTo("192.0.2.5");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void guestReadOfDom0OnlyNodeIsPermissionDenied(Daemon daemon) throws Exception {
        startWithGuest(daemon);
        assertThat(xenstored.client("xenstore-write", "/local/domain/0/secret", "dom0 only").exitCode()).isZero();

        assertErrno(() -> guest.read("/local/domain/0/secret"), Errno.EACCES);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void guestWriteOutsideItsHomeIsPermissionDeniedAndLeavesOldValue(Daemon daemon) throws Exception {
        startWithGuest(daemon);
        assertThat(xenstored.client("xenstore-write", "/vm/owner", "dom0").exitCode()).isZero();

        assertErrno(() -> guest.write("/vm/owner", "guest".getBytes(UTF_8)), Errno.EACCES);

        assertThat(xenstored.client("xenstore-read", "/vm/owner").line()).isEqualTo("dom0");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void nodeSharedReadOnlyWithGuestIsReadableButNotWritable(Daemon daemon) throws Exception {
        startWithGuest(daemon);
        xenstored.client("xenstore-write", "/shared/config", "on");
        assertThat(xenstored.client("xenstore-chmod", "/shared/config", "n0", "r" + DOMID).exitCode()).isZero();

        assertThat(new String(guest.read("/shared/config").bytes(), UTF_8)).isEqualTo("on");
        assertErrno(() -> guest.write("/shared/config", "off".getBytes(UTF_8)), Errno.EACCES);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void guestWatchReportsDom0Write(Daemon daemon) throws Exception {
        startWithGuest(daemon);
        java.util.concurrent.BlockingQueue<String> changes = new java.util.concurrent.LinkedBlockingQueue<>();

        try (AutoCloseable watch = guest.observe("control", changes::add)) {
            xenstored.client("xenstore-write", HOME + "/control/shutdown", "poweroff");

            assertThat(changes.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("control/shutdown");
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertErrno(Call call, Errno expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }
}
