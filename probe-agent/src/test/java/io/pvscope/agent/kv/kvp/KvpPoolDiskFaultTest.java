package io.pvscope.agent.kv.kvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.FaultMounts;
import io.pvscope.agent.kv.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KVP pool files on a full disk and on a file system gone read-only: the write is refused with a named
 * errno and the OS's reason, the pool file keeps its records byte for byte (read in the daemon's layout,
 * not through the store), the store keeps reading, and writes work again once the fault is gone.
 */
class KvpPoolDiskFaultTest {

    private static final int GUEST = 1;
    private static final byte[] VALUE = "x".repeat(500).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final FaultMounts mounts = new FaultMounts();

    @AfterEach
    void unmount() throws Exception {
        mounts.close();
    }

    @Test
    void aFullDiskRefusesTheAppendAndKeepsThePool() throws Exception {
        Path fs = dir.resolve("fs");
        mounts.tmpfs(fs, 256);
        DaemonPoolFiles.write(fs, GUEST, "Before", "kept", "Other", "also kept");
        byte[] before = Files.readAllBytes(DaemonPoolFiles.poolFile(fs, GUEST));
        KvpPoolStore store = new KvpPoolStore(fs);
        Path filler = FaultMounts.fill(fs);

        // The file's last page may still have room: append until a record needs a new page.
        Map<String, String> kept = initialRecords();
        StoreException refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            before = Files.readAllBytes(DaemonPoolFiles.poolFile(fs, GUEST));
            String key = "Filled" + i;
            refused = catchThrowableOfType(() -> store.write("Guest/" + key, VALUE), StoreException.class);
            if (refused == null) {
                kept.put(key, new String(VALUE, StandardCharsets.UTF_8));
            }
        }
        assertThat(refused).as("an append is refused once the disk is full").isNotNull();
        assertThat(refused.errno()).isEqualTo(Errno.EIO);
        System.out.println("KVP full disk: " + refused.errno() + ": " + refused.getMessage());
        assertThat(refused.getMessage()).contains("No space left on device");
        assertPoolKept(store, fs, before, kept);

        Files.delete(filler);
        store.write("Guest/After", "written once there is room".getBytes(StandardCharsets.UTF_8));
        assertThat(DaemonPoolFiles.read(fs, GUEST)).containsEntry("After", "written once there is room");
    }

    @Test
    void aReadOnlyFileSystemRefusesTheWriteAndKeepsThePool() throws Exception {
        Path fs = Files.createDirectories(dir.resolve("fs"));
        DaemonPoolFiles.write(fs, GUEST, "Before", "kept", "Other", "also kept");
        byte[] before = Files.readAllBytes(DaemonPoolFiles.poolFile(fs, GUEST));
        KvpPoolStore store = new KvpPoolStore(fs);
        mounts.readOnlyOver(fs);

        StoreException refused = refusedWrite(store);
        System.out.println("KVP read-only: " + refused.errno() + ": " + refused.getMessage());
        assertThat(refused.getMessage()).contains("Read-only file system");
        assertPoolKept(store, fs, before, initialRecords());

        mounts.close();
        store.write("Guest/After", "written once writable".getBytes(StandardCharsets.UTF_8));
        assertThat(DaemonPoolFiles.read(fs, GUEST)).containsEntry("After", "written once writable");
    }

    /** The records the test starts with, in file order. */
    private static Map<String, String> initialRecords() {
        Map<String, String> records = new LinkedHashMap<>();
        records.put("Before", "kept");
        records.put("Other", "also kept");
        return records;
    }

    private static StoreException refusedWrite(KvpPoolStore store) {
        StoreException refused = catchThrowableOfType(
                () -> store.write("Guest/After", VALUE),
                StoreException.class);
        assertThat(refused).as("the write is refused").isNotNull();
        assertThat(refused.errno()).isEqualTo(Errno.EIO);
        return refused;
    }

    private static void assertPoolKept(KvpPoolStore store, Path fs, byte[] before, Map<String, String> records)
            throws Exception {
        assertThat(Files.readAllBytes(DaemonPoolFiles.poolFile(fs, GUEST))).as("the pool file byte for byte")
                .isEqualTo(before);
        assertThat(DaemonPoolFiles.read(fs, GUEST)).isEqualTo(records);
        assertThat(store.read("Guest/Before").bytes()).asString(StandardCharsets.UTF_8).isEqualTo("kept");
        assertThat(store.list("Guest")).containsExactlyElementsOf(records.keySet());
        assertThat(store.damage()).isEmpty();
    }
}
