package io.pvscope.agent.server.security;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A real simulated store whose key "slow" hangs on read until released, as a stuck backend would. */
final class SlowStore implements KvStore {

    private final KvStore store;
    final CountDownLatch release = new CountDownLatch(1);

    SlowStore(KvStore store) {
        this.store = store;
    }

    @Override
    public StoreInfo info() {
        return store.info();
    }

    @Override
    public KvValue read(String key) throws StoreException {
        if (key.equals("slow")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return store.read(key);
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        return store.write(key, value);
    }

    @Override
    public List<String> list(String key) throws StoreException {
        return store.list(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
