package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's shared native watches on a real xenstored: one store watch and one read per change for all. */
class SharedWatchesTest {

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private XenStoreKvStore xenstore;
    private CountingStore store;
    private ExecutorService reader;
    private SharedWatches watches;

    @BeforeEach
    void start() throws Exception {
        xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir);
        xenstore = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        store = new CountingStore(xenstore);
        reader = Executors.newFixedThreadPool(4);
        watches = new SharedWatches(reader);
        write("/pv/k", "0");
    }

    @AfterEach
    void stop() throws Exception {
        reader.shutdownNow();
        xenstore.close();
        xenstored.close();
    }

    private void write(String key, String value) throws StoreException {
        xenstore.write(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A subscriber that may read the keys under {@code readable}, recording what it is offered. */
    private static final class Recorder implements WatchSubscriber {
        final String readable;
        final BlockingQueue<KeyRead> changes = new LinkedBlockingQueue<>();

        Recorder(String readable) {
            this.readable = readable;
        }

        @Override
        public boolean mayRead(String key, boolean orAbove) {
            return key.equals(readable) || key.startsWith(readable + "/") || orAbove && readable.startsWith(key + "/");
        }

        @Override
        public void changed(KeyRead read, long sequence) {
            changes.add(read);
        }

        @Override
        public void lost(StoreException why) {
        }

        @Override
        public void resumed() {
        }

        KeyRead next() throws InterruptedException {
            KeyRead read = changes.poll(15, TimeUnit.SECONDS);
            assertThat(read).as("a change within 15 s").isNotNull();
            return read;
        }

        String nextValue(String key) throws InterruptedException {
            KeyRead read = next();
            while (!read.key().equals(key)) {
                read = next();
            }
            return read.value().orElseThrow().toStringUtf8();
        }
    }

    @Test
    void subscribersOnOnePrefixShareOneStoreWatchAndEachChangeIsReadOnceForAll() throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        List<SharedWatches.Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recorder recorder = new Recorder("/pv");
            recorders.add(recorder);
            subscriptions.add(watches.subscribe(store, "/pv", recorder));
        }
        assertThat(store.observed("/pv")).isEqualTo(1);
        assertThat(watches.size()).isEqualTo(1);
        int readsBefore = store.reads("/pv/k");

        for (int value = 1; value <= 3; value++) {
            write("/pv/k", Integer.toString(value));
            for (Recorder recorder : recorders) {
                assertThat(recorder.nextValue("/pv/k")).isEqualTo(Integer.toString(value));
            }
        }
        assertThat(store.reads("/pv/k") - readsBefore).as("one read per change, not one per subscriber")
                .isEqualTo(3);
        subscriptions.forEach(SharedWatches.Subscription::close);
    }

    @Test
    void aSubscriberWhoseGrantDoesNotCoverAKeyIsNotOfferedIt() throws Exception {
        Recorder all = new Recorder("/pv");
        Recorder onlyA = new Recorder("/pv/a");
        try (var first = watches.subscribe(store, "/pv", all); var second = watches.subscribe(store, "/pv", onlyA)) {
            write("/pv/b", "secret");
            write("/pv/a", "open");
            assertThat(all.next().key()).isEqualTo("/pv/b");
            assertThat(all.next().key()).isEqualTo("/pv/a");
            // Reads reach subscribers in the order they were made: had /pv/b been offered, it would come first.
            KeyRead seen = onlyA.next();
            assertThat(seen.key()).isEqualTo("/pv/a");
            assertThat(seen.value().orElseThrow().toStringUtf8()).isEqualTo("open");

            // A removal above its prefix is offered (it may know keys below), a removal beside it is not.
            xenstore.delete("/pv/b");
            xenstore.delete("/pv");
            assertThat(all.next().key()).isEqualTo("/pv/b");
            KeyRead removed = onlyA.next();
            assertThat(removed.gone()).isTrue();
            assertThat(removed.key()).isNotEqualTo("/pv/b");
        }
    }

    @Test
    void theLastSubscriberToLeaveUnregistersTheWatchAndTheNextRegistersAFreshOne() throws Exception {
        Recorder staying = new Recorder("/pv");
        SharedWatches.Subscription leaving = watches.subscribe(store, "/pv", new Recorder("/pv"));
        SharedWatches.Subscription stays = watches.subscribe(store, "/pv", staying);

        leaving.close();
        assertThat(store.unobserved("/pv")).as("others are still on it").isZero();
        write("/pv/k", "still watched");
        assertThat(staying.nextValue("/pv/k")).isEqualTo("still watched");

        stays.close();
        assertThat(store.unobserved("/pv")).isEqualTo(1);
        assertThat(watches.size()).isZero();

        Recorder again = new Recorder("/pv");
        try (var subscription = watches.subscribe(store, "/pv", again)) {
            assertThat(store.observed("/pv")).isEqualTo(2);
            write("/pv/k", "watched again");
            assertThat(again.nextValue("/pv/k")).isEqualTo("watched again");
        }
    }

    @Test
    void differentPrefixesHaveTheirOwnWatch() throws Exception {
        try (var one = watches.subscribe(store, "/pv/a", new Recorder("/pv"));
             var other = watches.subscribe(store, "/pv/b", new Recorder("/pv"))) {
            assertThat(watches.size()).isEqualTo(2);
            assertThat(store.observed("/pv/a")).isEqualTo(1);
            assertThat(store.observed("/pv/b")).isEqualTo(1);
        }
        assertThat(watches.size()).isZero();
    }
}
