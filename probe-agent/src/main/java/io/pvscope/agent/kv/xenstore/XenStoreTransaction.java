package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.kv.StoreException;
import java.util.List;

/** The store as one XenStore transaction sees it: all reads from one snapshot, all writes or none. */
public interface XenStoreTransaction {

    byte[] read(String key) throws StoreException;

    void write(String key, byte[] value) throws StoreException;

    List<String> list(String key) throws StoreException;

    /** Work to run in a transaction; run again from the start when the commit lost a race. */
    @FunctionalInterface
    interface Body<T> {
        T run(XenStoreTransaction transaction) throws StoreException;
    }
}
