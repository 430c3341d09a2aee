package io.pvscope.agent.kv.kvp;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.agent.kv.kvp.internal.HostTransferLimits;
import io.pvscope.agent.kv.kvp.internal.KvpKey;
import io.pvscope.agent.kv.kvp.internal.KvpPool;
import io.pvscope.agent.kv.kvp.internal.PoolFile;
import io.pvscope.agent.kv.kvp.internal.PoolRecord;
import io.pvscope.agent.kv.kvp.internal.PoolSnapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hyper-V KVP through the pool files of Linux's hv_kvp_daemon, with the key syntax and rules of OpenBSD's
 * hypervic(4): keys {@code <Pool>/<name>}; External and Guest/Parameters (filled by the host) are read-only,
 * Guest takes new keys only, Auto changes existing keys only; {@code <Pool>/} lists a pool.
 *
 * <p>On Linux the daemon answers the host's enumeration of the Auto pool from live system data and never
 * reads {@code .kvp_pool_2}, so Auto keys exist here only if something put them in that file.
 */
public final class KvpPoolStore implements KvStore {

    /** Where hv_kvp_daemon keeps its pools (KVP_CONFIG_LOC). */
    public static final Path DEFAULT_DIRECTORY = Path.of("/var/lib/hyperv");

    private static final System.Logger LOG = System.getLogger(KvpPoolStore.class.getName());

    private final Path directory;
    private final Map<KvpPool, PoolFile> files = new EnumMap<>(KvpPool.class);
    private final Map<KvpPool, PoolDamage> damage = new ConcurrentHashMap<>();

    public KvpPoolStore(Path directory) {
        this.directory = directory;
        for (KvpPool pool : KvpPool.values()) {
            files.put(pool, new PoolFile(directory.resolve(pool.fileName())));
        }
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("kvp", "Hyper-V", false, false, directory.toString());
    }

    @Override
    public KvValue read(String key) throws StoreException {
        KvpKey kvpKey = KvpKey.parse(key);
        PoolSnapshot pool = snapshot(kvpKey.pool());
        if (kvpKey.isPoolListing()) {
            return new KvValue(listing(pool), true);
        }
        return KvValue.of(pool.find(kvpKey.name()).orElseThrow(() -> missing(kvpKey)).value());
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        KvpKey kvpKey = KvpKey.parse(key);
        if (kvpKey.isPoolListing()) {
            // hypervic answers a write to "Pool/" with the listing, as it does a read.
            return listing(snapshot(kvpKey.pool()));
        }
        if (kvpKey.pool().access() == KvpPool.GuestAccess.READ_ONLY) {
            throw new StoreException(Errno.EINVAL, "KVP pool " + kvpKey.pool().poolName()
                    + " is written by the host only; the guest writes Guest (new keys) and Auto (existing keys)");
        }
        byte[] name = HostTransferLimits.checkedName(kvpKey);
        byte[] text = HostTransferLimits.checkedValue(kvpKey, value);
        requireDirectory();
        PoolRecord stored = fileOf(kvpKey).change(current -> {
            noteDamage(kvpKey.pool(), current);
            return chooseWrite(kvpKey, current, name, text);
        });
        return stored.value();
    }

    @Override
    public List<String> list(String key) throws StoreException {
        if (key.isEmpty() || key.equals("/")) {
            List<String> pools = new ArrayList<>();
            for (KvpPool pool : KvpPool.values()) {
                pools.add(pool.poolName());
            }
            return pools;
        }
        String withoutSlash = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        var wholePool = KvpPool.byName(withoutSlash);
        if (wholePool.isPresent()) {
            return snapshot(wholePool.get()).names();
        }
        KvpKey kvpKey = KvpKey.parse(key);
        if (snapshot(kvpKey.pool()).indexOf(kvpKey.name()).isEmpty()) {
            throw missing(kvpKey);
        }
        return List.of();
    }

    /** Pool files found damaged by the latest read or write of each pool. */
    public List<PoolDamage> damage() {
        return List.copyOf(damage.values());
    }

    private static PoolFile.RecordWrite chooseWrite(KvpKey key, PoolSnapshot current, byte[] name, byte[] text)
            throws StoreException {
        OptionalInt existing = current.indexOf(key.name());
        switch (key.pool().access()) {
            case INSERT_ONLY:
                if (existing.isPresent()) {
                    throw new StoreException(Errno.EEXIST, "KVP key '" + key + "' exists; Guest keys are set once");
                }
                return new PoolFile.RecordWrite(current.records().size(), PoolRecord.of(name, text));
            case UPDATE_ONLY:
                if (existing.isEmpty()) {
                    throw new StoreException(Errno.ENOENT,
                            "no KVP key '" + key + "'; Auto keys can be changed, not added");
                }
                int index = existing.getAsInt();
                return new PoolFile.RecordWrite(index, current.records().get(index).withValue(text));
            default:
                throw new StoreException(Errno.EINVAL, "KVP pool " + key.pool().poolName() + " is read-only");
        }
    }

    private PoolSnapshot snapshot(KvpPool pool) throws StoreException {
        requireDirectory();
        PoolSnapshot snapshot = files.get(pool).read();
        noteDamage(pool, snapshot);
        return snapshot;
    }

    private void requireDirectory() throws StoreException {
        if (!Files.isDirectory(directory)) {
            throw new StoreException(Errno.ENXIO, "no KVP pool directory " + directory
                    + " (hv_kvp_daemon keeps it; is this a Hyper-V guest with hyperv-daemons?)");
        }
    }

    private void noteDamage(KvpPool pool, PoolSnapshot snapshot) {
        if (!snapshot.isDamaged()) {
            damage.remove(pool);
            return;
        }
        PoolDamage found = new PoolDamage(pool.poolName(), files.get(pool).path(), snapshot.records().size(),
                snapshot.strayBytes());
        if (!found.equals(damage.put(pool, found))) {
            LOG.log(System.Logger.Level.WARNING, found.describe());
        }
    }

    private static byte[] listing(PoolSnapshot pool) {
        return String.join("\n", pool.names()).getBytes(StandardCharsets.UTF_8);
    }

    private StoreException missing(KvpKey key) {
        return new StoreException(Errno.ENOENT, "no KVP key '" + key + "' in " + fileOf(key).path());
    }

    private PoolFile fileOf(KvpKey key) {
        return files.get(key.pool());
    }
}
