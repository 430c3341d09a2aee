package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.testsupport.xenstore.Xenstored.Daemon;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real xenstored killed (SIGKILL) under the agent while a client watches and another writes, then
 * started again: the watch says the store is unavailable, the agent reconnects by itself with back-off,
 * the watch is in place again and sends a fresh snapshot; writes during the outage are refused (UNAVAILABLE)
 * and none that was acknowledged is missing. The daemons keep nothing across a restart (no persistence):
 * what was acknowledged before the kill was checked while the daemon ran.
 */
class XenStoreOutageTest {

    /** kvm-hyperv has units 0 and 1 without a store; the XenStore is unit 2. */
    private static final int XS = 2;

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    private void write(String key, String value) {
        agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(XS).setKey(key)
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void killedMidWatchTheWatchReportsItAndResumesWithAFreshSnapshot(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))),
                WritePolicy.of(List.of("xenstore:/pv")));
        write("/pv/a", "1");
        try (WatchEvents events = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(XS)
                .addPrefixes("/pv").build())) {
            events.until(WatchEvent::hasSync);

            xenstored.kill();
            WatchEvent lost = events.until(WatchEvent::hasUnavailable);
            assertThat(lost.getUnavailable().getErrno()).isEqualTo("EIO");

            // The daemon is back, empty; something writes to it before the agent looks.
            xenstored.restart();
            assertThat(xenstored.client("xenstore-write", "/pv/b", "2").exitCode()).isZero();

            List<WatchEvent> fresh = new ArrayList<>();
            WatchEvent event = events.next();
            while (!event.hasSync()) {
                assertThat(event.hasSnapshot()).as("only snapshot entries before sync: %s", event).isTrue();
                fresh.add(event);
                event = events.next();
            }
            // The fresh snapshot replaces what was known: the old daemon's /pv/a is not in it. Whether /pv/b is
            // in it or follows as an update depends on whether the agent reconnected before the write.
            List<String> snapshot = fresh.stream().map(e -> e.getSnapshot().getKey()).toList();
            assertThat(snapshot).doesNotContain("/pv/a").isSubsetOf("/pv", "/pv/b");
            if (!snapshot.contains("/pv/b")) {
                events.until(e -> e.hasUpdate() && e.getUpdate().getKey().equals("/pv/b"));
            }

            // And changes flow again.
            assertThat(xenstored.client("xenstore-write", "/pv/c", "3").exitCode()).isZero();
            WatchEvent update = events.until(e -> e.hasUpdate() && e.getUpdate().getKey().equals("/pv/c"));
            assertThat(update.getUpdate().getValue().toStringUtf8()).isEqualTo("3");
        }
    }

    /** The agent also follows the store's XenBus devices (a Device Tree is open): both come back. */
    @ParameterizedTest
    @EnumSource(Daemon.class)
    void killedWhileItsDevicesAreFollowedTheWatchAndTheDevicesComeBack(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))),
                WritePolicy.of(List.of("xenstore:/pv")));
        assertThat(xenstored.client("xenstore-write", "/local/domain/0/domid", "0").exitCode()).isZero();
        write("/pv/a", "1");
        agent.blocking().listDevices(io.pvscope.proto.v1.ListDevicesRequest.getDefaultInstance());
        try (WatchEvents events = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(XS)
                .addPrefixes("/pv").build())) {
            events.until(WatchEvent::hasSync);

            xenstored.kill();
            events.until(WatchEvent::hasUnavailable);
            xenstored.restart();
            events.until(WatchEvent::hasSync);
            agent.blocking().listDevices(io.pvscope.proto.v1.ListDevicesRequest.getDefaultInstance());

            assertThat(xenstored.client("xenstore-write", "/pv/c", "3").exitCode()).isZero();
            WatchEvent update = events.until(e -> e.hasUpdate() && e.getUpdate().getKey().equals("/pv/c")
                    || e.hasUnavailable());
            assertThat(update.hasUpdate()).as("the watch goes on: %s; daemon: %s", update, xenstored.output())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void killedMidWriteNoAcknowledgedWriteIsLost(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        // A writer as fast as it can go: the per-client rate limit is raised so that it is not what refuses.
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))),
                WritePolicy.of(List.of("xenstore:/w")), RunningAgent.generous(64), true);
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                int n = next.getAndIncrement();
                try {
                    write("/w/k" + n, Integer.toString(n));
                    acknowledged.add(n);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                        unavailable.incrementAndGet();
                    } else {
                        synchronized (unexpected) {
                            unexpected.add(e.getStatus().toString());
                        }
                    }
                }
            }
        });
        writer.start();
        int beforeRestart;
        int checkedBeforeKill;
        try {
            awaitAcknowledged(acknowledged, 50);
            // While the daemon runs: everything acknowledged so far is there.
            List<Integer> beforeKill = List.copyOf(acknowledged);
            checkedBeforeKill = beforeKill.size();
            for (int n : beforeKill) {
                assertThat(xenstored.client("xenstore-read", "/w/k" + n).line()).isEqualTo(Integer.toString(n));
            }

            xenstored.kill();
            int acknowledgedAtKill = acknowledged.size();
            while (unavailable.get() < 5) {
                Thread.sleep(5);
            }
            beforeRestart = acknowledged.size();
            // Nothing is acknowledged while no daemon runs (one reply may have been on its way at the kill).
            assertThat(beforeRestart).isBetween(acknowledgedAtKill, acknowledgedAtKill + 1);
            xenstored.restart();
            awaitAcknowledged(acknowledged, beforeRestart + 50);
        } finally {
            stop.set(true);
            writer.join(30_000);
        }

        // Every write acknowledged after the restart is in the new daemon, with its value.
        List<Integer> all = List.copyOf(acknowledged);
        for (int n : all.subList(beforeRestart, all.size())) {
            assertThat(xenstored.client("xenstore-read", "/w/k" + n).line()).as("/w/k%d", n)
                    .isEqualTo(Integer.toString(n));
        }
        assertThat(unexpected).isEmpty();
        System.out.printf("xenstore kill mid-write (%s): %d writes acknowledged (%d checked before the kill, %d"
                + " after the restart, all present), %d refused UNAVAILABLE during the outage%n", daemon, all.size(),
                checkedBeforeKill, all.size() - beforeRestart, unavailable.get());
    }

    private static void awaitAcknowledged(ConcurrentLinkedQueue<Integer> acknowledged, int count)
            throws InterruptedException {
        while (acknowledged.size() < count) {
            Thread.sleep(5);
        }
    }
}
