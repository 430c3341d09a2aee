package io.pvscope.agent.kv.kvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on real pool files in the daemon's layout, without the daemon. */
class KvpPoolStoreTest {

    private static final int EXTERNAL = 0;
    private static final int GUEST = 1;
    private static final int AUTO = 2;
    private static final int GUEST_PARAMETERS = 3;

    @TempDir
    Path pools;

    private KvpPoolStore store;

    @BeforeEach
    void openStore() {
        store = new KvpPoolStore(pools);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void describesItselfAsTheHyperVKvpStore() {
        assertThat(store.info().kind()).isEqualTo("kvp");
        assertThat(store.info().unitType()).isEqualTo("Hyper-V");
        assertThat(store.info().nativeWatch()).isFalse();
        assertThat(store.info().simulated()).isFalse();
        assertThat(store.info().location()).isEqualTo(pools.toString());
    }

    @Test
    void readsHostKeysFromTheExternalAndParametersPools() throws Exception {
        DaemonPoolFiles.write(pools, EXTERNAL, "Foo", "bar");
        DaemonPoolFiles.write(pools, GUEST_PARAMETERS, "VirtualMachineName", "vm-7", "HostName", "host-1");

        assertThat(text(store.read("External/Foo").bytes())).isEqualTo("bar");
        assertThat(text(store.read("Guest/Parameters/HostName").bytes())).isEqualTo("host-1");
    }

    @Test
    void poolNamesIgnoreCaseButKeyNamesDoNot() throws Exception {
        DaemonPoolFiles.write(pools, GUEST_PARAMETERS, "HostName", "host-1");

        assertThat(text(store.read("guest/PARAMETERS/HostName").bytes())).isEqualTo("host-1");
        assertErrno(() -> store.read("Guest/Parameters/hostname"), Errno.ENOENT);
    }

    @Test
    void readOfMissingKeyIsNotFound() throws Exception {
        DaemonPoolFiles.write(pools, EXTERNAL, "Foo", "bar");

        assertErrno(() -> store.read("External/Bar"), Errno.ENOENT);
        assertErrno(() -> store.read("Guest/Bar"), Errno.ENOENT);
    }

    @Test
    void keyWithoutPoolOrWithUnknownPoolIsInvalid() {
        assertErrno(() -> store.read("Foo"), Errno.EINVAL);
        assertErrno(() -> store.read("Nowhere/Foo"), Errno.EINVAL);
        assertErrno(() -> store.read("Guest/Other/Foo"), Errno.EINVAL);
        assertErrno(() -> store.write("Foo", bytes("x")), Errno.EINVAL);
    }

    @Test
    void guestWriteAppendsARecordTheDaemonCanRead() throws Exception {
        DaemonPoolFiles.write(pools, GUEST, "First", "1");

        byte[] left = store.write("Guest/Second", bytes("2"));

        assertThat(text(left)).isEqualTo("2");
        assertThat(DaemonPoolFiles.read(pools, GUEST)).containsExactly(entry("First", "1"), entry("Second", "2"));
        assertThat(Files.size(DaemonPoolFiles.poolFile(pools, GUEST))).isEqualTo(2L * DaemonPoolFiles.RECORD);
    }

    @Test
    void guestKeysAreSetOnceSoASecondWriteIsEexistAndKeepsTheValue() throws Exception {
        store.write("Guest/Once", bytes("first"));

        assertErrno(() -> store.write("Guest/Once", bytes("second")), Errno.EEXIST);
        assertErrno(() -> store.write("GUEST/Once", bytes("second")), Errno.EEXIST);
        assertThat(text(store.read("Guest/Once").bytes())).isEqualTo("first");
    }

    @Test
    void autoKeysCanBeUpdatedInPlaceButNotAdded() throws Exception {
        DaemonPoolFiles.write(pools, AUTO, "FullyQualifiedDomainName", "old.example", "OSName", "Linux");

        store.write("Auto/FullyQualifiedDomainName", bytes("new.example"));

        assertThat(DaemonPoolFiles.read(pools, AUTO))
                .containsExactly(entry("FullyQualifiedDomainName", "new.example"), entry("OSName", "Linux"));
        assertErrno(() -> store.write("Auto/NewKey", bytes("x")), Errno.ENOENT);
        assertThat(DaemonPoolFiles.read(pools, AUTO)).hasSize(2);
    }

    @Test
    void hostPoolsAreReadOnlyForTheGuest() throws Exception {
        Path external = DaemonPoolFiles.write(pools, EXTERNAL, "Foo", "bar");
        DaemonPoolFiles.write(pools, GUEST_PARAMETERS, "HostName", "host-1");
        byte[] before = Files.readAllBytes(external);

        assertErrno(() -> store.write("External/Foo", bytes("changed")), Errno.EINVAL);
        assertErrno(() -> store.write("External/New", bytes("x")), Errno.EINVAL);
        assertErrno(() -> store.write("Guest/Parameters/HostName", bytes("x")), Errno.EINVAL);
        assertThat(Files.readAllBytes(external)).isEqualTo(before);
        assertThat(DaemonPoolFiles.read(pools, GUEST_PARAMETERS)).containsExactly(entry("HostName", "host-1"));
    }

    @Test
    void keyNameLongerThanTheHostCanTakeIsErange() throws Exception {
        String longest = "k".repeat(254);

        store.write("Guest/" + longest, bytes("fits"));
        assertErrno(() -> store.write("Guest/" + "k".repeat(255), bytes("x")), Errno.ERANGE);
        // 200 three-byte characters are 600 UTF-8 bytes: within 254 UTF-16 units, beyond the 511-byte field.
        assertErrno(() -> store.write("Guest/" + "\u20ac".repeat(200), bytes("x")), Errno.ERANGE);
        assertThat(DaemonPoolFiles.read(pools, GUEST)).containsOnlyKeys(longest);
    }

    @Test
    void valueLongerThanTheHostCanTakeIsRefusedNotTruncated() throws Exception {
        String longest = "v".repeat(1022);

        store.write("Guest/Long", bytes(longest));
        assertErrno(() -> store.write("Guest/TooLong", bytes("v".repeat(1023))), Errno.E2BIG);
        assertErrno(() -> store.write("Guest/TooManyBytes", bytes("\u20ac".repeat(700))), Errno.E2BIG);
        assertThat(text(store.read("Guest/Long").bytes())).isEqualTo(longest);
        assertErrno(() -> store.read("Guest/TooLong"), Errno.ENOENT);
    }

    @Test
    void valuesAreCStringsOfUtf8() throws Exception {
        store.write("Guest/Terminated", new byte[] {'o', 'k', 0});

        assertThat(text(store.read("Guest/Terminated").bytes())).isEqualTo("ok");
        assertErrno(() -> store.write("Guest/Inner", new byte[] {'a', 0, 'b'}), Errno.EINVAL);
        assertErrno(() -> store.write("Guest/Latin1", new byte[] {(byte) 0xe9}), Errno.EINVAL);
    }

    @Test
    void poolKeyWithEmptyNameListsThePoolInFileOrder() throws Exception {
        DaemonPoolFiles.write(pools, EXTERNAL, "B", "1", "A", "2", "C", "3");

        assertThat(text(store.read("External/").bytes())).isEqualTo("B\nA\nC");
        assertThat(text(store.read("external/").bytes())).isEqualTo("B\nA\nC");
        assertThat(text(store.write("External/", bytes("ignored")))).isEqualTo("B\nA\nC");
        assertThat(text(store.read("Guest/").bytes())).isEmpty();
    }

    @Test
    void listGivesPoolNamesAtTheTopAndKeyNamesInAPool() throws Exception {
        DaemonPoolFiles.write(pools, GUEST, "One", "1", "Two", "2");
        DaemonPoolFiles.write(pools, GUEST_PARAMETERS, "HostName", "h");

        assertThat(store.list("")).containsExactly("External", "Guest", "Auto", "Guest/Parameters");
        assertThat(store.list("Guest")).containsExactly("One", "Two");
        assertThat(store.list("guest/")).containsExactly("One", "Two");
        assertThat(store.list("Guest/Parameters/")).containsExactly("HostName");
        assertThat(store.list("Guest/One")).isEmpty();
        assertErrno(() -> store.list("Guest/Three"), Errno.ENOENT);
        assertErrno(() -> store.list("Elsewhere"), Errno.EINVAL);
    }

    @Test
    void truncatedPoolFileIsReadUpToItsLastWholeRecordAndReported() throws Exception {
        Path guest = DaemonPoolFiles.write(pools, GUEST, "Kept", "yes", "Cut", "off");
        byte[] whole = Files.readAllBytes(guest);
        Files.write(guest, Arrays.copyOf(whole, DaemonPoolFiles.RECORD + 700));

        assertThat(text(store.read("Guest/Kept").bytes())).isEqualTo("yes");
        assertErrno(() -> store.read("Guest/Cut"), Errno.ENOENT);
        assertThat(store.damage()).singleElement().satisfies(damage -> {
            assertThat(damage.pool()).isEqualTo("Guest");
            assertThat(damage.wholeRecords()).isEqualTo(1);
            assertThat(damage.strayBytes()).isEqualTo(700);
        });

        store.write("Guest/After", bytes("repair"));

        assertThat(DaemonPoolFiles.read(pools, GUEST)).containsExactly(entry("Kept", "yes"), entry("After", "repair"));
        assertThat(Files.size(guest)).isEqualTo(2L * DaemonPoolFiles.RECORD);
        store.read("Guest/");
        assertThat(store.damage()).isEmpty();
    }

    @Test
    void recordWithoutTerminatorIsReadToTheEndOfItsField() throws Exception {
        byte[] record = new byte[DaemonPoolFiles.RECORD];
        Arrays.fill(record, 0, 512, (byte) 'k');
        Arrays.fill(record, 512, DaemonPoolFiles.RECORD, (byte) 'v');
        Files.write(DaemonPoolFiles.poolFile(pools, EXTERNAL), record);

        assertThat(store.read("External/" + "k".repeat(512)).bytes()).hasSize(2048);
    }

    @Test
    void missingPoolFileIsAnEmptyPoolButMissingDirectoryIsNoStore() throws Exception {
        assertThat(store.list("Guest")).isEmpty();
        assertErrno(() -> store.read("Guest/Any"), Errno.ENOENT);

        KvpPoolStore elsewhere = new KvpPoolStore(pools.resolve("absent"));
        assertErrno(() -> elsewhere.read("Guest/Any"), Errno.ENXIO);
        assertErrno(() -> elsewhere.write("Guest/Any", bytes("x")), Errno.ENXIO);
    }

    @Test
    void concurrentWritesFromTwoThreadsLoseNothing() throws Exception {
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                // Each thread has its own store, as two gRPC calls or two agents' stores would.
                KvpPoolStore own = new KvpPoolStore(pools);
                Callable<Void> writes = () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        own.write("Guest/" + writer + i, bytes(writer + "-" + i));
                        own.write("Auto/Shared", bytes(writer + i));
                    }
                    return null;
                };
                done.add(threads.submit(writes));
            }
            DaemonPoolFiles.write(pools, AUTO, "Shared", "none");
            start.countDown();
            for (Future<Void> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        var guest = DaemonPoolFiles.read(pools, GUEST);
        assertThat(guest).hasSize(2 * perThread);
        for (int i = 0; i < perThread; i++) {
            assertThat(guest).containsEntry("a" + i, "a-" + i).containsEntry("b" + i, "b-" + i);
        }
        assertThat(DaemonPoolFiles.read(pools, AUTO)).containsOnlyKeys("Shared");
        assertThat(Files.size(DaemonPoolFiles.poolFile(pools, GUEST)))
                .isEqualTo(2L * perThread * DaemonPoolFiles.RECORD);
    }

    private static void assertErrno(ThrowingCallable call, Errno errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.errno()).as(e.getMessage()).isEqualTo(errno));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
