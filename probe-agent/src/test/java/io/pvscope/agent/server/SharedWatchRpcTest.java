package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many Watch streams on one prefix of a real xenstored, through the agent: one store watch and one read per
 * change for all of them, every stream gets every change, and a stream whose client stops reading holds
 * nobody back and gets the latest value of each key once it reads again.
 */
class SharedWatchRpcTest {

    /** kvm-hyperv has units 0 and 1 without a store; the XenStore is unit 2. */
    private static final int XS = 2;
    private static final WatchRequest WATCH_PV = WatchRequest.newBuilder().setUnit(XS).addPrefixes("/pv").build();

    @TempDir
    Path dir;

    private Xenstored xenstored;
    /** The host's side: writes straight to the daemon, as its tools would. */
    private XenStoreKvStore host;
    private CountingStore store;
    private RunningAgent agent;
    private final List<AutoCloseable> streams = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
        host = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        write("/pv/k", "0");
        store = new CountingStore(new XenStoreKvStore(RealXenstored.endpoint(xenstored)));
        agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(store), WritePolicy.of(List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable stream : streams) {
            stream.close();
        }
        agent.close();
        host.close();
        xenstored.close();
    }

    private void write(String key, String value) throws StoreException {
        host.write(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private WatchEvents synced() throws InterruptedException {
        WatchEvents events = new WatchEvents(agent.async(), WATCH_PV);
        streams.add(events);
        events.until(WatchEvent::hasSync);
        return events;
    }

    private static String nextValueOf(WatchEvents events, String key) throws InterruptedException {
        return events.until(e -> e.hasUpdate() && e.getUpdate().getKey().equals(key)).getUpdate().getValue()
                .toStringUtf8();
    }

    @Test
    void streamsOnOnePrefixShareOneStoreWatchAndOneReadPerChangeAndEachGetsEveryChange() throws Exception {
        List<WatchEvents> watchers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            watchers.add(synced());
        }
        assertThat(store.observed("/pv")).isEqualTo(1);
        int readsBefore = store.reads("/pv/k");

        for (int value = 1; value <= 5; value++) {
            write("/pv/k", Integer.toString(value));
            for (WatchEvents watcher : watchers) {
                assertThat(nextValueOf(watcher, "/pv/k")).isEqualTo(Integer.toString(value));
            }
        }
        assertThat(store.reads("/pv/k") - readsBefore).as("one read per change for all 8 streams").isEqualTo(5);

        for (AutoCloseable stream : streams) {
            stream.close();
        }
        streams.clear();
        // The streams end asynchronously on the agent; the last one to go unregisters the watch.
        for (int i = 0; i < 1_500 && store.unobserved("/pv") == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(store.unobserved("/pv")).isEqualTo(1);
    }

    @Test
    void aStreamWhoseClientStopsReadingHoldsNobodyBackAndGetsTheLatestValueOfEachKey() throws Exception {
        // A small HTTP/2 window, so that a client that stops reading stops the agent's sending soon.
        ManagedChannel slowChannel = NettyChannelBuilder.forAddress(agent.server.address()).usePlaintext()
                .flowControlWindow(65_535).build();
        streams.add(() -> slowChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        PausingReader slow = new PausingReader(slowChannel);
        streams.add(slow);
        slow.awaitSync();
        WatchEvents fast = synced();
        WatchEvents alsoFast = synced();

        // More than the window and the agent's send buffer hold: the slow stream's agent side is not ready.
        String filler = "x".repeat(2_000);
        for (int i = 0; i < 150; i++) {
            write("/pv/fill/" + i, filler);
        }
        for (int value = 1; value <= 30; value++) {
            write("/pv/k", Integer.toString(value));
            assertThat(nextValueOf(fast, "/pv/k")).isEqualTo(Integer.toString(value));
            assertThat(nextValueOf(alsoFast, "/pv/k")).isEqualTo(Integer.toString(value));
        }

        slow.resume();
        List<String> seen = new ArrayList<>();
        WatchEvent event = slow.next();
        while (!(event.hasUpdate() && event.getUpdate().getKey().equals("/pv/k")
                && event.getUpdate().getValue().toStringUtf8().equals("30"))) {
            if (event.hasUpdate() && event.getUpdate().getKey().equals("/pv/k")) {
                seen.add(event.getUpdate().getValue().toStringUtf8());
            }
            event = slow.next();
        }
        assertThat(seen).as("30 changes of /pv/k while the client did not read come as one, the latest").isEmpty();
    }

    @Test
    void aStoreOutageReachesEveryStreamOnTheSharedWatchAndEachTakesAFreshSnapshot() throws Exception {
        List<WatchEvents> watchers = List.of(synced(), synced(), synced());

        xenstored.kill();
        for (WatchEvents watcher : watchers) {
            assertThat(watcher.until(WatchEvent::hasUnavailable).getUnavailable().getErrno()).isEqualTo("EIO");
        }
        // The daemon is back, empty; the host writes to it before or after the agent looks again.
        xenstored.restart();
        host.close();
        host = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        write("/pv/after", "1");
        for (WatchEvents watcher : watchers) {
            List<String> snapshot = new ArrayList<>();
            for (WatchEvent event = watcher.next(); !event.hasSync(); event = watcher.next()) {
                assertThat(event.hasSnapshot()).as("only snapshot entries before sync: %s", event).isTrue();
                snapshot.add(event.getSnapshot().getKey());
            }
            assertThat(snapshot).doesNotContain("/pv/k").isSubsetOf("/pv", "/pv/after");
            if (!snapshot.contains("/pv/after")) {
                assertThat(nextValueOf(watcher, "/pv/after")).isEqualTo("1");
            }
        }

        write("/pv/after", "2");
        for (WatchEvents watcher : watchers) {
            assertThat(nextValueOf(watcher, "/pv/after")).isEqualTo("2");
        }
        assertThat(store.observed("/pv")).as("the one watch was registered again, not one per stream")
                .isEqualTo(1);
    }

    /** A Watch stream whose client takes events one by one up to the sync marker, then none until resumed. */
    private static final class PausingReader implements ClientResponseObserver<WatchRequest, WatchEvent>,
            AutoCloseable {
        private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
        private final Context.CancellableContext context = Context.current().withCancellation();
        private volatile ClientCallStreamObserver<WatchRequest> call;
        private volatile boolean paused;

        PausingReader(ManagedChannel channel) {
            context.run(() -> PvBusGrpc.newStub(channel).watch(WATCH_PV, this));
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> call) {
            this.call = call;
            call.disableAutoRequestWithInitial(1);
        }

        @Override
        public void onNext(WatchEvent event) {
            if (event.hasSync()) {
                paused = true;
            }
            events.add(event);
            if (!paused) {
                call.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }

        void awaitSync() throws InterruptedException {
            while (!next().hasSync()) {
                // snapshot entries
            }
        }

        WatchEvent next() throws InterruptedException {
            WatchEvent event = events.poll(15, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within 15 s").isNotNull();
            return event;
        }

        void resume() {
            paused = false;
            call.request(Integer.MAX_VALUE);
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }
}
