package io.pvscope.agent.kv.xenstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.xenstore.internal.XsConnection;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.testsupport.xenstore.Xenstored.Daemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store does when the real daemon dies, comes back, or stops answering. */
class XenStoreFaultTest {

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private XenStoreKvStore store;

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (xenstored != null) {
            xenstored.thaw();
            xenstored.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void killedDaemonIsIoErrorAndRestartedOneIsReachedAgain(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        store = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        store.write("/before", "1".getBytes(UTF_8));

        xenstored.kill();

        assertErrno(() -> store.read("/before"), Errno.EIO);
        assertErrno(() -> unwrapped(store.readAsync("/before").toCompletableFuture()), Errno.EIO);
        assertErrno(() -> store.write("/during", "1".getBytes(UTF_8)), Errno.EIO);

        xenstored.restart();

        store.write("/after", "2".getBytes(UTF_8));
        assertThat(xenstored.client("xenstore-read", "/after").line()).isEqualTo("2");
        // Nothing is persisted across the restart: the old key is gone, as on a real daemon restart.
        assertErrno(() -> store.read("/before"), Errno.ENOENT);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void watchIsRegisteredAgainAfterDaemonRestart(Daemon daemon) throws Exception {
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = startWatching(daemon, changes)) {
            xenstored.restart();
            listOnceReconnected();

            // The listener hears that the daemon went, that the watch is in place again (changes meanwhile may
            // be lost: look again), and later changes as before.
            assertThat(nextOtherThan("/w", changes)).isEqualTo("lost");
            assertThat(nextOtherThan("/w", changes)).isEqualTo("resumed");
            assertThat(xenstored.client("xenstore-write", "/w/new", "1").exitCode()).isZero();
            assertThat(nextOtherThan("/w", changes)).isEqualTo("/w/new");
        }
    }

    /**
     * A request waiting when the daemon dies fails on the thread that noticed, and what follows it may ask the
     * store again at once (a listing's next keys): the watches still hear that the daemon is gone, and hear
     * again once it is back.
     */
    @ParameterizedTest
    @EnumSource(Daemon.class)
    void watchesHearOfALostDaemonEvenWhenAFailedRequestAsksAgainAtOnce(Daemon daemon) throws Exception {
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = startWatching(daemon, changes)) {
            xenstored.freeze();
            java.util.concurrent.CompletableFuture<Object> askedAgain = new java.util.concurrent.CompletableFuture<>();
            store.readAsync("/w").whenComplete((value, failure) -> {
                try {
                    askedAgain.complete(store.readAsync("/w").toCompletableFuture().handle((v, f) -> f));
                } catch (RuntimeException e) {
                    askedAgain.complete(e);
                }
            });
            xenstored.kill();

            assertThat(nextOtherThan("/w", changes)).isEqualTo("lost");
            assertThat(askedAgain.get(30, TimeUnit.SECONDS)).isNotNull();
            xenstored.restart();
            assertThat(nextOtherThan("/w", changes)).isEqualTo("resumed");
        }
    }

    /** The daemon, the store on it, and a watch on "/w" telling {@code changes} each path, "lost" and "resumed". */
    private AutoCloseable startWatching(Daemon daemon, BlockingQueue<String> changes) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        store = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        store.write("/w", new byte[0]);
        return store.observe("/w", new KvWatchListener() {
            @Override
            public void changed(String path) {
                changes.add(path);
            }

            @Override
            public void lost(StoreException why) {
                changes.add("lost");
            }

            @Override
            public void resumed() {
                changes.add("resumed");
            }
        });
    }

    /** The next event that is not the daemon's initial event for the watched path itself. */
    private static String nextOtherThan(String watched, BlockingQueue<String> changes) throws InterruptedException {
        String next;
        do {
            next = changes.poll(5, TimeUnit.SECONDS);
        } while (watched.equals(next));
        return next;
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void daemonThatStopsAnsweringTimesOutWithinTheDeadline(Daemon daemon) throws Exception {
        startWithShortTimeout(daemon);

        xenstored.freeze();
        long started = System.nanoTime();
        assertErrno(() -> store.read("/k"), Errno.ETIMEDOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        xenstored.thaw();
        assertThat(new String(store.read("/k").bytes(), UTF_8)).isEqualTo("v");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void aReadAnsweredLaterTimesOutWhenTheDaemonStopsAnsweringAndWorksOnceItIsBack(Daemon daemon)
            throws Exception {
        startWithShortTimeout(daemon);

        xenstored.freeze();
        var pending = store.readAsync("/k").toCompletableFuture();
        assertErrno(() -> unwrapped(pending), Errno.ETIMEDOUT);

        xenstored.thaw();
        assertThat(new String(store.readAsync("/k").toCompletableFuture().get(30, TimeUnit.SECONDS).bytes(), UTF_8))
                .isEqualTo("v");
    }

    /**
     * Reads are sent without waiting only while few requests are unanswered, so that a daemon that stopped
     * reading can never make such a send block on a full socket; once it answered them there is room again.
     */
    @ParameterizedTest
    @EnumSource(Daemon.class)
    void readsWithoutWaitingStopWhileAFrozenDaemonLeavesRequestsUnanswered(Daemon daemon) throws Exception {
        startWithShortTimeout(daemon);
        assertThat(new String(unwrappedValue(store.readWithoutWaiting("/k").orElseThrow()), UTF_8)).isEqualTo("v");

        xenstored.freeze();
        List<java.util.concurrent.CompletableFuture<KvValue>> sent = new ArrayList<>();
        for (var next = store.readWithoutWaiting("/k"); next.isPresent() && sent.size() <= 100;
                next = store.readWithoutWaiting("/k")) {
            sent.add(next.get().toCompletableFuture());
        }
        assertThat(sent).hasSize(XsConnection.MAX_UNANSWERED_FOR_NO_WAIT);
        for (var each : sent) {
            assertErrno(() -> unwrapped(each), Errno.ETIMEDOUT);
        }
        // Timed out, but still unread by the daemon: no room yet.
        assertThat(store.readWithoutWaiting("/k")).isEmpty();

        xenstored.thaw();
        // Answered after the earlier requests, which the daemon answers first, in order.
        assertThat(new String(store.read("/k").bytes(), UTF_8)).isEqualTo("v");
        assertThat(new String(unwrappedValue(store.readWithoutWaiting("/k").orElseThrow()), UTF_8)).isEqualTo("v");
    }

    /** The daemon, and the store on it with a 300 ms timeout; "/k" is "v". */
    private void startWithShortTimeout(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        store = new XenStoreKvStore(RealXenstored.endpoint(xenstored), Duration.ofMillis(300));
        store.write("/k", "v".getBytes(UTF_8));
    }

    private static byte[] unwrappedValue(java.util.concurrent.CompletionStage<KvValue> read) throws Exception {
        return ((KvValue) unwrapped(read.toCompletableFuture())).bytes();
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void missingDaemonIsIoError(Daemon daemon) throws Exception {
        try (XenStoreKvStore nowhere = new XenStoreKvStore(XenStoreEndpoint.socket(dir.resolve("no-socket")))) {
            assertErrno(() -> nowhere.read("/k"), Errno.EIO);
            assertErrno(() -> unwrapped(nowhere.readAsync("/k").toCompletableFuture()), Errno.EIO);
        }
    }

    /** The value of a stage, or the StoreException it failed with. */
    private static Object unwrapped(java.util.concurrent.CompletableFuture<?> stage) throws Exception {
        try {
            return stage.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertErrno(Call call, Errno expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }

    /**
     * The first call after a restart may still meet the dead connection (EIO) before the session has
     * noticed; the ones after it reach the new daemon. Bounded: ten seconds at most.
     */
    private void listOnceReconnected() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                store.list("/");
                return;
            } catch (io.pvscope.agent.kv.StoreException e) {
                if (e.errno() != io.pvscope.agent.kv.Errno.EIO || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
