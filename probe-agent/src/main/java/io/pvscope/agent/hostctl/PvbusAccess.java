package io.pvscope.agent.hostctl;

import io.pvscope.agent.kv.StoreException;

/** What hostctl does with /dev/pvbusN: name the unit, read a key, write a key. Errors are errno values. */
public interface PvbusAccess extends AutoCloseable {

    /** Opening /dev/pvbusN: ENXIO past the last unit, ENODEV when there is no pvbus at all. */
    void open(int unit) throws StoreException;

    /** PVBUSIOC_TYPE. */
    String type(int unit) throws StoreException;

    /** PVBUSIOC_KVREAD: the value the driver returns. */
    byte[] read(int unit, String key) throws StoreException;

    /** PVBUSIOC_KVWRITE: what the driver leaves in the value buffer. */
    byte[] write(int unit, String key, byte[] value) throws StoreException;

    @Override
    default void close() {
    }
}
