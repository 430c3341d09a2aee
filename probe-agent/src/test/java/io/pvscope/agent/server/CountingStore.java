package io.pvscope.agent.server;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts, per key, the values read and the watches registered and closed through it. */
final class CountingStore implements KvStore {

    private final KvStore store;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> observed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unobserved = new ConcurrentHashMap<>();

    CountingStore(KvStore store) {
        this.store = store;
    }

    int reads(String key) {
        return count(reads, key);
    }

    int observed(String key) {
        return count(observed, key);
    }

    int unobserved(String key) {
        return count(unobserved, key);
    }

    private static int count(Map<String, AtomicInteger> counts, String key) {
        AtomicInteger count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private static void increment(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public StoreInfo info() {
        return store.info();
    }

    @Override
    public KvValue read(String key) throws StoreException {
        increment(reads, key);
        return store.read(key);
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        return store.write(key, value);
    }

    @Override
    public void delete(String key) throws StoreException {
        store.delete(key);
    }

    @Override
    public String root() {
        return store.root();
    }

    @Override
    public String child(String parent, String name) {
        return store.child(parent, name);
    }

    @Override
    public List<String> list(String key) throws StoreException {
        return store.list(key);
    }

    @Override
    public boolean hasChildren(String key) throws StoreException {
        return store.hasChildren(key);
    }

    @Override
    public AutoCloseable observe(String key, KvWatchListener listener) throws StoreException {
        AutoCloseable handle = store.observe(key, listener);
        increment(observed, key);
        return () -> {
            increment(unobserved, key);
            handle.close();
        };
    }

    @Override
    public Optional<Path> guard() {
        return store.guard();
    }

    @Override
    public void close() {
        store.close();
    }
}
