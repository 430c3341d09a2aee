package io.pvscope.agent.kv.kvp.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

/**
 * A key in hypervic's syntax, {@code <Pool>/<name>}. Split at the last '/', so "Guest/Parameters/HostName"
 * is pool Guest/Parameters, name HostName. An empty name ("Guest/") addresses the pool's listing.
 */
public record KvpKey(KvpPool pool, String name) {

    public static KvpKey parse(String key) throws StoreException {
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            throw new StoreException(Errno.EINVAL, "KVP key '" + key + "' has no pool: write it as <Pool>/<name>");
        }
        String poolName = key.substring(0, slash);
        KvpPool pool = KvpPool.byName(poolName).orElseThrow(() -> new StoreException(Errno.EINVAL,
                "KVP key '" + key + "': '" + poolName + "' is not a pool (External, Guest, Auto, Guest/Parameters)"));
        return new KvpKey(pool, key.substring(slash + 1));
    }

    public boolean isPoolListing() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return pool.poolName() + "/" + name;
    }
}
