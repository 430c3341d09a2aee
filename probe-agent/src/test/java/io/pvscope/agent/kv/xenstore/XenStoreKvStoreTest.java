package io.pvscope.agent.kv.xenstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.testsupport.xenstore.Xenstored.Daemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store against both real daemons, read back and written through Xen's own clients. */
class XenStoreKvStoreTest {

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private XenStoreKvStore store;

    private XenStoreKvStore start(Daemon daemon) throws Exception {
        xenstored = RealXenstored.start(daemon, dir);
        store = new XenStoreKvStore(RealXenstored.endpoint(xenstored));
        return store;
    }

    /**
     * A read both ways, the blocking one and the one answered on the connection's reader thread, which must
     * agree; failures are the same StoreException either way.
     */
    private KvValue read(String key) throws Exception {
        KvValue blocking;
        try {
            blocking = store.read(key);
        } catch (StoreException e) {
            assertThatThrownBy(() -> store.readAsync(key).toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(StoreException.class,
                            async -> assertThat(async.errno()).isEqualTo(e.errno()));
            throw e;
        }
        KvValue async = store.readAsync(key).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(async.bytes()).isEqualTo(blocking.bytes());
        assertThat(async.listing()).isEqualTo(blocking.listing());
        return blocking;
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

        assertThat(new String(read("/vm/uuid").bytes(), UTF_8)).isEqualTo("0f1e2d3c");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void readOfMissingKeyIsNotFound(Daemon daemon) throws Exception {
        start(daemon);

        assertThatThrownBy(() -> read("/no/such/key"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void readOfDirectoryIsItsChildrenJoinedByNewline(Daemon daemon) throws Exception {
        start(daemon);
        xenstored.client("xenstore-write", "/dir/alpha", "1", "/dir/beta", "2", "/dir/gamma", "3");

        String listing = new String(read("/dir").bytes(), UTF_8);

        assertThat(listing.split("\n")).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(listing).isEqualTo(String.join("\n", store.list("/dir")));
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void nodeWithValueAndChildrenReadsAsItsValue(Daemon daemon) throws Exception {
        start(daemon);
        store.write("/both", "own value".getBytes(UTF_8));
        store.write("/both/child", "x".getBytes(UTF_8));

        assertThat(new String(read("/both").bytes(), UTF_8)).isEqualTo("own value");
        assertThat(store.list("/both")).containsExactly("child");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void emptyLeafReadsAsEmptyAndListsNothing(Daemon daemon) throws Exception {
        start(daemon);
        store.write("/empty", new byte[0]);

        assertThat(read("/empty").bytes()).isEmpty();
        assertThat(store.list("/empty")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void listOfMissingKeyIsNotFound(Daemon daemon) throws Exception {
        start(daemon);

        assertThatThrownBy(() -> store.list("/no/such/dir"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void relativeKeyResolvesUnderDom0Home(Daemon daemon) throws Exception {
        start(daemon);

        store.write("data/greeting", "hello".getBytes(UTF_8));

        assertThat(store.domainPath(0)).isEqualTo("/local/domain/0");
        assertThat(xenstored.client("xenstore-read", "/local/domain/0/data/greeting").line()).isEqualTo("hello");
        assertThat(new String(store.read("data/greeting").bytes(), UTF_8)).isEqualTo("hello");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void keyWithCharacterOutsideXenStoreSetIsInvalid(Daemon daemon) throws Exception {
        start(daemon);

        assertErrno(() -> store.write("/a b", "v".getBytes(UTF_8)), Errno.EINVAL);
        assertErrno(() -> store.read("/a\0b"), Errno.EINVAL);
        // The real client is refused too: the rule is the daemon's, checked early.
        assertThat(xenstored.client("xenstore-write", "/a b", "v").exitCode()).isNotZero();
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void malformedPathIsInvalidAsTheDaemonAnswers(Daemon daemon) throws Exception {
        start(daemon);

        assertErrno(() -> store.write("/a//b", "v".getBytes(UTF_8)), Errno.EINVAL);
        assertErrno(() -> store.write("/trailing/", "v".getBytes(UTF_8)), Errno.EINVAL);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void keyLongerThanXenStorePathLimitIsInvalid(Daemon daemon) throws Exception {
        start(daemon);
        String longest = "/" + "k".repeat(1000);
        String tooLong = "/" + "k".repeat(2100);

        store.write(longest, "v".getBytes(UTF_8));

        assertErrno(() -> store.write(tooLong, "v".getBytes(UTF_8)), Errno.EINVAL);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void valueAbovePayloadLimitIsTooBigAndLeavesOldValue(Daemon daemon) throws Exception {
        start(daemon);
        store.write("/big", "old".getBytes(UTF_8));

        assertErrno(() -> store.write("/big", new byte[5000]), Errno.E2BIG);

        assertThat(new String(store.read("/big").bytes(), UTF_8)).isEqualTo("old");
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void valueLimitIsTheDaemons(Daemon daemon) throws Exception {
        start(daemon);
        byte[] value = "x".repeat(3000).getBytes(UTF_8);

        if (daemon == Daemon.OXENSTORED) {
            // oxenstored's quota-maxsize (2048 by default) is below the wire limit.
            assertErrno(() -> store.write("/mid", value), Errno.E2BIG);
        } else {
            store.write("/mid", value);
            assertThat(xenstored.client("xenstore-read", "/mid").line()).isEqualTo("x".repeat(3000));
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void directoryLargerThanOneReplyIsListedWhole(Daemon daemon) throws Exception {
        start(daemon);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            names.add(String.format("child-%010d", i));
        }
        List<String> keys = new ArrayList<>(List.of("xenstore-write"));
        for (String name : names) {
            keys.add("/large/" + name);
            keys.add("");
        }
        assertThat(xenstored.client(keys.toArray(String[]::new)).exitCode()).isZero();

        assertThat(store.list("/large")).containsExactlyInAnyOrderElementsOf(names);
        assertThat(new String(store.read("/large").bytes(), UTF_8).split("\n")).hasSize(400);
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void watchReportsWriteByAnotherClient(Daemon daemon) throws Exception {
        start(daemon);
        store.write("/watched", new byte[0]);
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();

        try (AutoCloseable watch = store.observe("/watched", changes::add)) {
            assertThat(xenstored.client("xenstore-write", "/watched/by-other", "1").exitCode()).isZero();

            // The first report is the write, not the daemon's initial event for the new watch.
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("/watched/by-other");
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void watchReportsRemovalByAnotherClient(Daemon daemon) throws Exception {
        start(daemon);
        store.write("/gone/leaf", "1".getBytes(UTF_8));
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();

        try (AutoCloseable watch = store.observe("/gone", changes::add)) {
            assertThat(xenstored.client("xenstore-rm", "/gone/leaf").exitCode()).isZero();

            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("/gone/leaf");
        }
    }

    @ParameterizedTest
    @EnumSource(Daemon.class)
    void concurrentCallsShareOneConnection(Daemon daemon) throws Exception {
        start(daemon);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String key = "/concurrent/" + thread + "/" + i;
                        byte[] value = (thread + ":" + i).getBytes(UTF_8);
                        store.write(key, value);
                        assertThat(store.read(key).bytes()).isEqualTo(value);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("/concurrent")).hasSize(8);
        assertThat(xenstored.client("xenstore-read", "/concurrent/7/49").line()).isEqualTo("7:49");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertErrno(Call call, Errno expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }
}
