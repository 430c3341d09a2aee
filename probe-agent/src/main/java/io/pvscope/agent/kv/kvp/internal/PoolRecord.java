package io.pvscope.agent.kv.kvp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record of a daemon pool file: {@code char key[512]; char value[2048]}, each a NUL-terminated string
 * padded with NULs (struct kvp_record in tools/hv/hv_kvp_daemon.c, sizes from uapi linux/hyperv.h).
 */
public final class PoolRecord {

    public static final int KEY_FIELD = 512;
    public static final int VALUE_FIELD = 2048;
    public static final int SIZE = KEY_FIELD + VALUE_FIELD;

    private final byte[] raw;

    private PoolRecord(byte[] raw) {
        this.raw = raw;
    }

    /** A record as found in a file; {@code raw} is kept whole so it can be written back unchanged. */
    public static PoolRecord fromFile(byte[] raw) {
        if (raw.length != SIZE) {
            throw new IllegalArgumentException("a pool record is " + SIZE + " bytes, not " + raw.length);
        }
        return new PoolRecord(raw.clone());
    }

    /** A new record; the caller has checked that both strings leave room for their NUL. */
    public static PoolRecord of(byte[] key, byte[] value) {
        if (key.length >= KEY_FIELD || value.length >= VALUE_FIELD) {
            throw new IllegalArgumentException("key or value does not fit its field with its NUL");
        }
        byte[] raw = new byte[SIZE];
        System.arraycopy(key, 0, raw, 0, key.length);
        System.arraycopy(value, 0, raw, KEY_FIELD, value.length);
        return new PoolRecord(raw);
    }

    public byte[] key() {
        return cString(0, KEY_FIELD);
    }

    public String keyName() {
        return new String(key(), StandardCharsets.UTF_8);
    }

    public byte[] value() {
        return cString(KEY_FIELD, VALUE_FIELD);
    }

    public PoolRecord withValue(byte[] value) {
        return of(key(), value);
    }

    public byte[] bytes() {
        return raw.clone();
    }

    /** The string in a field: up to its first NUL, or the whole field when a damaged record has none. */
    private byte[] cString(int offset, int length) {
        int end = offset;
        while (end < offset + length && raw[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(raw, offset, end);
    }
}
