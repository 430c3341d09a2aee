package io.pvscope.agent.kv.sim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimStoreTest {

    @TempDir
    Path dir;

    private SimStore open() throws Exception {
        return SimStore.open(dir.resolve("sim.json"));
    }

    private static Errno errnoOf(ThrowingRunnable call) {
        try {
            call.run();
        } catch (StoreException e) {
            return e.errno();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no StoreException");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void newStoreIsSeededWithTheExampleTreeAndMarkedSimulated() throws Exception {
        SimStore store = open();

        assertThat(store.info().simulated()).isTrue();
        assertThat(store.info().kind()).isEqualTo("sim");
        assertThat(new String(store.read("device/vif/0/mac").bytes(), UTF_8)).isEqualTo("00:16:3e:5a:1c:07");
        assertThat(new String(store.read("guestinfo.hostname").bytes(), UTF_8)).isEqualTo("pvscope-demo.example.org");
        assertThat(Files.readString(dir.resolve("sim.json"))).contains("\"simulated\":true");
    }

    @Test
    void readingADirectoryListsItsChildrenLikeXsKvop() throws Exception {
        SimStore store = open();

        assertThat(new String(store.read("device").bytes(), UTF_8)).isEqualTo("vbd\nvif");
        assertThat(store.list("device/vif/0")).containsExactly("backend", "backend-id", "handle", "mac", "state");
        assertThat(store.list("/device/vif/0/")).isEqualTo(store.list("device/vif/0"));
    }

    /**
     * A read without waiting answers from a current tree as {@link SimStore#read} does; once another process has
     * changed the file it leaves the read to the path that reloads, and answers again from the reloaded tree.
     */
    @Test
    void aReadWithoutWaitingAnswersOnlyFromACurrentTree() throws Exception {
        try (SimStore store = open(); SimStore otherProcess = open()) {
            assertThat(atOnce(store, "device/vif/0/mac").map(v -> new String(v.bytes(), UTF_8)))
                    .contains("00:16:3e:5a:1c:07");
            assertThat(atOnce(store, "device").orElseThrow().listing()).isTrue();
            assertThat(errnoOf(() -> store.readWithoutWaiting("no/such"))).isEqualTo(Errno.ENOENT);

            otherProcess.write("device/vif/0/mac", "00:16:3e:00:00:01".getBytes(UTF_8));

            assertThat(store.readWithoutWaiting("device/vif/0/mac")).isEmpty();
            assertThat(new String(store.read("device/vif/0/mac").bytes(), UTF_8)).isEqualTo("00:16:3e:00:00:01");
            assertThat(atOnce(store, "device/vif/0/mac").map(v -> new String(v.bytes(), UTF_8)))
                    .contains("00:16:3e:00:00:01");
        }
    }

    /** The value if the read started without waiting; it is answered by then. */
    private static java.util.Optional<io.pvscope.agent.kv.KvValue> atOnce(SimStore store, String key)
            throws StoreException {
        return store.readWithoutWaiting(key).map(started -> {
            assertThat(started.toCompletableFuture()).isDone();
            return started.toCompletableFuture().join();
        });
    }

    /** Names sort around their own subtrees ("a" < "a-b" < "a/x" < "a0"): each child comes once, in key order. */
    @Test
    void listingStepsOverEachChildsSubtreeAndKeepsSiblingsThatShareItsName() throws Exception {
        SimStore store = open();
        for (String key : List.of("p/a/x/deep/er", "p/a/y", "p/a-b", "p/a0", "p/a-b/z", "p/b", "p/a/x/other")) {
            store.write(key, "v".getBytes(UTF_8));
        }

        assertThat(store.list("p")).containsExactly("a", "a-b", "a0", "b");
        assertThat(store.list("p/a")).containsExactly("x", "y");
        assertThat(store.list("p/b")).isEmpty();
        assertThat(store.list("")).contains("p", "device", "guestinfo.hostname").doesNotContain("a", "p/a");
    }

    /** Whether a key has children follows writes, deletes, a failed write, and another opener's writes. */
    @Test
    void hasChildrenFollowsEveryChangeOfTheTree() throws Exception {
        SimStore store = open();
        SimStore other = open();
        store.write("p/a/x/deep", "v".getBytes(UTF_8));
        store.write("p/a-b", "v".getBytes(UTF_8));

        assertThat(store.hasChildren("p/a")).isTrue();
        assertThat(store.hasChildren("p/a/x")).isTrue();
        assertThat(store.hasChildren("/p/a/x/")).isTrue();
        assertThat(store.hasChildren("p/a/x/deep")).isFalse();
        assertThat(store.hasChildren("p/a-b")).isFalse();
        assertThat(store.hasChildren("p/a/")).isTrue();
        assertThat(store.hasChildren("nothing")).isFalse();
        assertThat(store.hasChildren("")).isTrue();

        store.delete("p/a/x/deep");
        assertThat(store.hasChildren("p/a/x")).isFalse();
        assertThat(store.hasChildren("p/a")).isTrue();
        store.delete("p/a");
        assertThat(store.hasChildren("p/a")).isFalse();
        assertThat(store.hasChildren("p")).isTrue();
        store.delete("p/a-b");
        assertThat(store.hasChildren("p")).isFalse();

        other.write("p/from-other/leaf", "v".getBytes(UTF_8));
        assertThat(store.hasChildren("p")).isTrue();
        assertThat(store.hasChildren("p/from-other")).isTrue();
        other.delete("p/from-other/leaf");
        assertThat(store.hasChildren("p/from-other")).isFalse();
    }

    @Test
    void writeCreatesParentsAndSurvivesReopening() throws Exception {
        open().write("data/test/answer", "42".getBytes(UTF_8));

        SimStore reopened = open();
        assertThat(new String(reopened.read("data/test/answer").bytes(), UTF_8)).isEqualTo("42");
        assertThat(reopened.list("data")).contains("test");
    }

    @Test
    void missingKeyIsEnoent() throws Exception {
        SimStore store = open();

        assertThat(errnoOf(() -> store.read("device/vif/9/mac"))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> store.list("nothing/here"))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void keysThatCouldEscapeOrAreMalformedAreEinval() throws Exception {
        SimStore store = open();

        for (String bad : List.of("../etc/passwd", "a/../b", "a//b", "nul\0here", "tab\there", "ümlaut",
                "x".repeat(1025))) {
            assertThat(errnoOf(() -> store.write(bad, new byte[] {1}))).as(bad).isEqualTo(Errno.EINVAL);
        }
        assertThat(errnoOf(() -> store.write("/", new byte[] {1}))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void valueAbove64KiBIsE2bigAndTheOldValueStands() throws Exception {
        SimStore store = open();

        assertThat(errnoOf(() -> store.write("name", new byte[SimStore.MAX_VALUE_BYTES + 1]))).isEqualTo(Errno.E2BIG);
        store.write("data/max", new byte[SimStore.MAX_VALUE_BYTES]);
        assertThat(new String(store.read("name").bytes(), UTF_8)).isEqualTo("pvscope-demo");
    }

    @Test
    void failedSaveIsEioAndLeavesTheOldValueInMemoryAndOnDisk() throws Exception {
        SimStore store = open();
        byte[] before = Files.readAllBytes(dir.resolve("sim.json"));
        // Put a non-empty directory where the file must be renamed to: the replace fails for real.
        Path blocked = dir.resolve("blocked.json");
        SimStore blockedStore = SimStore.open(blocked);
        Files.delete(blocked);
        Files.createDirectories(blocked.resolve("occupied"));

        assertThat(errnoOf(() -> blockedStore.write("name", "changed".getBytes(UTF_8)))).isEqualTo(Errno.EIO);
        assertThat(new String(blockedStore.read("name").bytes(), UTF_8)).isEqualTo("pvscope-demo");
        assertThat(errnoOf(() -> blockedStore.write("name/below", "new".getBytes(UTF_8)))).isEqualTo(Errno.EIO);
        assertThat(blockedStore.hasChildren("name")).isFalse();
        assertThat(Files.readAllBytes(dir.resolve("sim.json"))).isEqualTo(before);
        assertThat(new String(store.read("name").bytes(), UTF_8)).isEqualTo("pvscope-demo");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void watchReportsWritesUnderItsKeyOnly() throws Exception {
        SimStore store = open();
        List<String> changed = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = store.observe("device", changed::add)) {
            store.write("device/vif/0/state", "5".getBytes(UTF_8));
            store.write("name", "other".getBytes(UTF_8));
        }
        store.write("device/vif/0/state", "6".getBytes(UTF_8));

        assertThat(changed).containsExactly("device/vif/0/state");
    }

    @Test
    void twoOpenersOfOneFileSeeEachOthersWritesAndWatchersHearOfThem() throws Exception {
        SimStore agentSide = open();
        SimStore hostctlSide = open();
        List<String> changed = new CopyOnWriteArrayList<>();
        agentSide.observe("data", changed::add);

        hostctlSide.write("data/from-hostctl", "1".getBytes(UTF_8));
        assertThat(new String(agentSide.read("data/from-hostctl").bytes(), UTF_8)).isEqualTo("1");
        assertThat(changed).containsExactly("data/from-hostctl");

        agentSide.write("data/from-agent", "2".getBytes(UTF_8));
        assertThat(hostctlSide.list("data")).containsExactly("from-agent", "from-hostctl", "updated");
    }

    @Test
    void deleteRemovesTheKeyAndItsSubtreeAndTellsWatchers() throws Exception {
        SimStore store = open();
        List<String> changed = new CopyOnWriteArrayList<>();
        store.observe("device", changed::add);

        store.delete("device/vif");

        assertThat(store.list("device")).containsExactly("vbd");
        assertThat(errnoOf(() -> store.read("device/vif/0/mac"))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> store.delete("device/vif"))).isEqualTo(Errno.ENOENT);
        assertThat(changed).containsExactly("device/vif");
        assertThat(open().list("device")).containsExactly("vbd");
    }

    @Test
    void corruptFileIsRefusedWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("sim.json"), "{ not json");

        assertThatThrownBy(this::open).hasMessageContaining("not a simulated store file");
    }

    /**
     * Decoded as it is read: a key whose bytes are not UTF-8, deep in the file, refuses the whole file (a
     * decoder that replaced them would open a store with a key nobody wrote).
     */
    @Test
    void aFileThatIsNotUtf8IsRefusedWithAClearMessage() throws Exception {
        byte[] key = ("k" + "A".repeat(20_000) + "?B").getBytes(UTF_8);
        key[key.length - 2] = (byte) 0xFF;
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("{\"format\":\"pvscope-sim/1\",\"nodes\":{\"".getBytes(UTF_8));
        file.writeBytes(key);
        file.writeBytes("\":\"dmFsdWU=\"}}".getBytes(UTF_8));
        Files.write(dir.resolve("sim.json"), file.toByteArray());

        assertThatThrownBy(this::open).hasMessageContaining("not a simulated store file");
    }
}
