package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.kvp.KvpPoolStore;
import io.pvscope.agent.kv.kvp.daemon.DaemonPrerequisites;
import io.pvscope.agent.kv.kvp.daemon.FakeHypervHost;
import io.pvscope.agent.kv.kvp.daemon.HostPool;
import io.pvscope.agent.kv.kvp.daemon.KvpDaemonProcess;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvTypeResponse;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import io.pvscope.proto.v1.WatchStarted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent end to end over gRPC, with the real xenstored and the real hv_kvp_daemon behind it. */
class AgentWithRealBackendsTest {

    @TempDir
    Path dir;

    @Test
    void xenStoreOnAKvmGuestBecomesUnitOneAndIsReadWrittenAndWatchedThroughTheAgent() throws Exception {
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("kvm-this-machine"),
                     List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))),
                     WritePolicy.of(List.of("xenstore:/local/domain/0/data/")))) {
            KvTypeResponse type = agent.blocking().kvType(KvTypeRequest.newBuilder().setUnit(1).build());
            assertThat(type.getType()).isEqualTo("Xen");
            assertThat(type.getStore()).isEqualTo("xenstore");

            agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(1).setKey("/local/domain/0/data/via-agent")
                    .setValue(ByteString.copyFromUtf8("42")).build());
            assertThat(xenstored.client("xenstore-read", "/local/domain/0/data/via-agent").line()).isEqualTo("42");

            xenstored.client("xenstore-write", "/local/domain/0/data/via-client", "from xenstore-write");
            assertThat(agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1)
                    .setKey("/local/domain/0/data/via-client").build()).getValue().toStringUtf8())
                    .isEqualTo("from xenstore-write");

            try (WatchEvents watch = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(1)
                    .addPrefixes("/local/domain/0/data").build())) {
                assertThat(watch.next().getStarted().getMode()).isEqualTo(WatchStarted.Mode.NATIVE);
                watch.until(WatchEvent::hasSync);
                xenstored.client("xenstore-write", "/local/domain/0/data/live", "1");
                WatchEvent update = watch.until(WatchEvent::hasUpdate);
                assertThat(update.getUpdate().getKey()).isEqualTo("/local/domain/0/data/live");
                assertThat(update.getUpdate().getValue().toStringUtf8()).isEqualTo("1");
                xenstored.client("xenstore-rm", "/local/domain/0/data/live");
                assertThat(watch.until(WatchEvent::hasDeleted).getDeleted().getKey())
                        .isEqualTo("/local/domain/0/data/live");
            }
        }
    }

    /**
     * KvRead of XenStore is answered on the connection's reader thread: a value, a directory's listing (which
     * takes a second request) and a missing key arrive as before, and a daemon that stops answering costs the
     * caller DEADLINE_EXCEEDED at the agent's backend deadline, well before the connection's own timeout.
     */
    @Test
    void xenStoreReadsAreAnsweredAndAFrozenDaemonEndsThemAtTheBackendDeadline() throws Exception {
        AgentLimits limits = RunningAgent.withBackendDeadline(java.time.Duration.ofMillis(500));
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("kvm-this-machine"),
                     List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored), java.time.Duration.ofSeconds(30))),
                     WritePolicy.of(List.of()), limits, true)) {
            xenstored.client("xenstore-write", "/data/a", "1", "/data/b", "2");
            KvReadResponse value = agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1).setKey("/data/a")
                    .build());
            assertThat(value.getValue().toStringUtf8()).isEqualTo("1");
            assertThat(value.getDirectory()).isFalse();
            KvReadResponse listing = agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1).setKey("/data")
                    .build());
            assertThat(listing.getValue().toStringUtf8().split("\n")).containsExactlyInAnyOrder("a", "b");
            assertThat(listing.getDirectory()).isTrue();
            assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> agent.blocking().kvRead(
                    KvReadRequest.newBuilder().setUnit(1).setKey("/data/missing").build())).getStatus().getCode())
                    .isEqualTo(Status.Code.NOT_FOUND);

            xenstored.freeze();
            try {
                StatusRuntimeException frozen = catchThrowableOfType(StatusRuntimeException.class,
                        () -> agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1).setKey("/data/a").build()));
                assertThat(frozen.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(frozen.getStatus().getDescription()).contains("backend_deadline");
            } finally {
                xenstored.thaw();
            }
            assertThat(agent.blocking().kvRead(KvReadRequest.newBuilder().setUnit(1).setKey("/data/b").build())
                    .getValue().toStringUtf8()).isEqualTo("2");
        }
    }

    /**
     * A XenStore listing with values, longer than the window of keys asked for at once and split in pages:
     * every key comes once, in order, with its own value (an empty one too) and its children flag.
     */
    @Test
    void aXenStoreListingWithValuesHasEveryKeyWithItsOwnValueAcrossPages() throws Exception {
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("kvm-this-machine"),
                     List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))), WritePolicy.of(List.of()))) {
            List<String> writes = new ArrayList<>(List.of("xenstore-write"));
            for (int i = 0; i < 3 * KvRpcs.WINDOW + 1; i++) {
                writes.add(String.format("/list/k%02d", i));
                writes.add("value " + i);
            }
            writes.addAll(List.of("/list/k05/child", "c", "/list/k07", ""));
            xenstored.client(writes.toArray(String[]::new));

            List<KvEntry> all = new ArrayList<>();
            var pages = agent.blocking().kvList(KvListRequest.newBuilder().setUnit(1).setKey("/list")
                    .setWithValues(true).setPageSize(KvRpcs.WINDOW + 3).build());
            int pageCount = 0;
            while (pages.hasNext()) {
                all.addAll(pages.next().getEntriesList());
                pageCount++;
            }

            assertThat(pageCount).isEqualTo(3);
            assertThat(all).hasSize(3 * KvRpcs.WINDOW + 1);
            for (int i = 0; i < all.size(); i++) {
                KvEntry entry = all.get(i);
                assertThat(entry.getKey()).isEqualTo(String.format("/list/k%02d", i));
                assertThat(entry.getError()).isEmpty();
                assertThat(entry.getHasChildren()).isEqualTo(i == 5);
                assertThat(entry.getValue().toStringUtf8()).isEqualTo(i == 7 ? "" : "value " + i);
            }
        }
    }

    @Test
    void aWatchWithoutPrefixOrWithAnEmptyOneCoversTheWholeXenStore() throws Exception {
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("kvm-this-machine"),
                     List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))), WritePolicy.of(List.of()))) {
            xenstored.client("xenstore-write", "/local/domain/0/data/before", "1");
            for (WatchRequest request : List.of(WatchRequest.newBuilder().setUnit(1).build(),
                    WatchRequest.newBuilder().setUnit(1).addPrefixes("").build())) {
                try (WatchEvents watch = new WatchEvents(agent.async(), request)) {
                    assertThat(watch.next().hasStarted()).isTrue();
                    List<String> snapshot = new ArrayList<>();
                    for (WatchEvent event = watch.next(); !event.hasSync(); event = watch.next()) {
                        assertThat(event.hasSnapshot()).as("%s", event).isTrue();
                        snapshot.add(event.getSnapshot().getKey());
                    }
                    assertThat(snapshot).contains("/local", "/local/domain/0/data/before");
                    xenstored.client("xenstore-write", "/elsewhere", "2");
                    WatchEvent update = watch.until(WatchEvent::hasUpdate);
                    assertThat(update.getUpdate().getKey()).isEqualTo("/elsewhere");
                    xenstored.client("xenstore-rm", "/elsewhere");
                    watch.until(WatchEvent::hasDeleted);
                }
            }
        }
    }

    @Test
    void hypervPoolsAttachToTheDetectedHyperVUnitAndArePolledForChanges() throws Exception {
        DaemonPrerequisites.assumeDaemonCanRun();
        try (KvpDaemonProcess daemon = KvpDaemonProcess.start(dir);
             RunningAgent agent = new RunningAgent(FakeRoots.root("hyperv"), List.of(new KvpPoolStore(daemon.pools())),
                     WritePolicy.of(List.of("kvp:Guest/")))) {
            FakeHypervHost host = daemon.host();
            assertThat(agent.blocking().kvType(KvTypeRequest.newBuilder().setUnit(0).build()).getStore())
                    .isEqualTo("kvp");

            agent.blocking().kvWrite(KvWriteRequest.newBuilder().setUnit(0).setKey("Guest/BuildNumber")
                    .setValue(ByteString.copyFromUtf8("7.6")).build());
            assertThat(host.enumerate(HostPool.GUEST)).containsEntry("BuildNumber", "7.6");

            try (WatchEvents watch = new WatchEvents(agent.async(), WatchRequest.newBuilder().setUnit(0)
                    .addPrefixes("External").setPollInterval(Duration.newBuilder().setNanos(200_000_000)).build())) {
                WatchStarted started = watch.next().getStarted();
                assertThat(started.getMode()).isEqualTo(WatchStarted.Mode.POLLED);
                assertThat(started.getPollInterval().getNanos()).isEqualTo(200_000_000);
                watch.until(WatchEvent::hasSync);
                assertThat(host.set(HostPool.EXTERNAL, "DeploymentId", "d-42")).isTrue();
                WatchEvent update = watch.until(e -> e.hasUpdate() && e.getUpdate().getKey().equals("External/DeploymentId"));
                assertThat(update.getUpdate().getValue().toStringUtf8()).isEqualTo("d-42");
                assertThat(host.delete(HostPool.EXTERNAL, "DeploymentId")).isTrue();
                assertThat(watch.until(WatchEvent::hasDeleted).getDeleted().getKey()).isEqualTo("External/DeploymentId");
            }

            List<KvEntry> pools = new ArrayList<>();
            agent.blocking().kvList(KvListRequest.newBuilder().setUnit(0).setWithValues(true).build())
                    .forEachRemaining(page -> pools.addAll(page.getEntriesList()));
            assertThat(pools).extracting(KvEntry::getKey).contains("Guest", "External");
            assertThat(pools).allSatisfy(pool -> assertThat(pool.getError()).isEmpty());
            List<KvEntry> guest = new ArrayList<>();
            agent.blocking().kvList(KvListRequest.newBuilder().setUnit(0).setKey("Guest").setWithValues(true).build())
                    .forEachRemaining(page -> guest.addAll(page.getEntriesList()));
            assertThat(guest).filteredOn(e -> e.getKey().equals("Guest/BuildNumber")).singleElement()
                    .satisfies(e -> assertThat(e.getValue().toStringUtf8()).isEqualTo("7.6"));
        }
    }
}
