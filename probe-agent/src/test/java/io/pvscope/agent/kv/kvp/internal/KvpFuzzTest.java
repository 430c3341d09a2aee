package io.pvscope.agent.kv.kvp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.testsupport.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Hyper-V KVP: keys in hypervic's {@code <Pool>/<name>} syntax, and pool files that may be truncated or
 * corrupt (a crash of hv_kvp_daemon, a disk error). Any key parses or is EINVAL; any file reads as its
 * whole records, and a write to it keeps every one of them byte for byte.
 */
class KvpFuzzTest {

    private static final Path POOL = temporaryPool();

    private static Path temporaryPool() {
        try {
            Path dir = Files.createTempDirectory("kvp-fuzz");
            // The pool and its lock file live until the fuzzer's JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.delete(dir)));
            return dir.resolve(".kvp_pool_1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void anyKeyParsesIntoItsPoolOrIsRefused(FuzzedDataProvider data) {
        String key = data.consumeRemainingAsString();
        KvpKey parsed;
        try {
            parsed = KvpKey.parse(key);
        } catch (StoreException e) {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            return;
        }
        int slash = key.lastIndexOf('/');
        assertThat(parsed.pool().poolName()).isEqualToIgnoringCase(key.substring(0, slash));
        assertThat(parsed.name()).isEqualTo(key.substring(slash + 1));
        try {
            HostTransferLimits.checkedName(parsed);
        } catch (StoreException e) {
            assertThat(e.errno()).isIn(Errno.EINVAL, Errno.E2BIG, Errno.ERANGE, Errno.ENAMETOOLONG);
        }
    }

    @FuzzTest
    void anyPoolFileReadsAndAWriteKeepsItsRecords(FuzzedDataProvider data) throws Exception {
        int records = data.consumeInt(0, 3);
        byte[] name = data.consumeBytes(PoolRecord.KEY_FIELD - 1);
        byte[] body = data.consumeRemainingAsBytes();
        // Whole records from the input (repeated to reach the count), then what is left over as a torn tail.
        byte[] file = new byte[records * PoolRecord.SIZE + body.length % PoolRecord.SIZE];
        for (int i = 0; i < file.length; i++) {
            file[i] = body.length == 0 ? 0 : body[i % body.length];
        }
        Files.write(POOL, file);
        PoolFile pool = new PoolFile(POOL);

        PoolSnapshot before = pool.read();

        assertThat(before.records()).hasSize(records);
        assertThat(before.strayBytes()).isEqualTo(file.length % PoolRecord.SIZE);
        before.names();
        byte[] key = new String(name, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (key.length == 0 || key.length >= PoolRecord.KEY_FIELD) {
            return;
        }
        pool.change(current -> new PoolFile.RecordWrite(current.records().size(), PoolRecord.of(key, new byte[] {'v'})));

        byte[] after = Files.readAllBytes(POOL);
        assertThat(after).hasSize((records + 1) * PoolRecord.SIZE);
        assertThat(Arrays.copyOf(after, records * PoolRecord.SIZE)).isEqualTo(Arrays.copyOf(file, records * PoolRecord.SIZE));
        assertThat(pool.read().records().get(records).key()).isEqualTo(key);
    }
}
