package io.pvscope.agent.kv.kvp.daemon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One struct hv_kvp_msg, the fixed-size record the Hyper-V KVP driver and hv_kvp_daemon exchange through
 * /dev/vmbus/hv_kvp. Layout (packed, little-endian) from uapi linux/hyperv.h; {@code KvpMessageLayoutTest}
 * checks these offsets against the installed header. Keys and values travel as NUL-terminated UTF-8, with
 * sizes that count the NUL, as the kernel driver passes them on after converting from the host's UTF-16.
 */
public final class KvpMessage {

    public static final int SIZE = 7432;

    // Header: u8 operation, u8 pool, u16 pad; in replies the same four bytes hold the status (int error).
    static final int OPERATION = 0;
    static final int POOL = 1;
    static final int STATUS = 0;
    // Body of GET and SET: struct hv_kvp_exchg_msg_value.
    static final int VALUE_TYPE = 4;
    static final int KEY_SIZE = 8;
    static final int VALUE_SIZE = 12;
    static final int KEY = 16;
    static final int VALUE = 528;
    // Body of ENUMERATE: u32 index, then struct hv_kvp_exchg_msg_value.
    static final int ENUM_INDEX = 4;
    static final int ENUM_KEY = 20;
    static final int ENUM_VALUE = 532;
    // Body of DELETE: u32 key_size, u8 key[512].
    static final int DELETE_KEY_SIZE = 4;
    static final int DELETE_KEY = 8;
    // Body of REGISTER: u8 version[512].
    static final int REGISTER_VERSION = 4;

    static final int KEY_FIELD = 512;
    static final int VALUE_FIELD = 2048;

    public static final int OP_GET = 0;
    public static final int OP_SET = 1;
    public static final int OP_DELETE = 2;
    public static final int OP_ENUMERATE = 3;
    public static final int OP_REGISTER1 = 100;

    public static final int STATUS_OK = 0;
    /** HV_S_CONT: the key is not there, or the enumeration is over. */
    public static final int STATUS_CONT = 0x80070103;
    public static final int STATUS_FAIL = 0x80004005;

    private static final int REG_SZ = 1;

    private final ByteBuffer bytes;

    private KvpMessage(ByteBuffer bytes) {
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
    }

    public static KvpMessage wrap(byte[] message) {
        if (message.length != SIZE) {
            throw new IllegalArgumentException("a KVP message is " + SIZE + " bytes, not " + message.length);
        }
        return new KvpMessage(ByteBuffer.wrap(message));
    }

    static KvpMessage register(String version) {
        KvpMessage message = header(OP_REGISTER1, 0);
        message.putString(REGISTER_VERSION, version, KEY_FIELD);
        return message;
    }

    static KvpMessage set(HostPool pool, String key, String value) {
        KvpMessage message = header(OP_SET, pool.number());
        message.bytes.putInt(VALUE_TYPE, REG_SZ);
        message.bytes.putInt(KEY_SIZE, message.putString(KEY, key, KEY_FIELD));
        message.bytes.putInt(VALUE_SIZE, message.putString(VALUE, value, VALUE_FIELD));
        return message;
    }

    static KvpMessage get(HostPool pool, String key) {
        KvpMessage message = header(OP_GET, pool.number());
        message.bytes.putInt(VALUE_TYPE, REG_SZ);
        message.bytes.putInt(KEY_SIZE, message.putString(KEY, key, KEY_FIELD));
        message.bytes.putInt(VALUE_SIZE, VALUE_FIELD);
        return message;
    }

    static KvpMessage delete(HostPool pool, String key) {
        KvpMessage message = header(OP_DELETE, pool.number());
        message.bytes.putInt(DELETE_KEY_SIZE, message.putString(DELETE_KEY, key, KEY_FIELD));
        return message;
    }

    static KvpMessage enumerate(HostPool pool, int index) {
        KvpMessage message = header(OP_ENUMERATE, pool.number());
        message.bytes.putInt(ENUM_INDEX, index);
        return message;
    }

    public int operation() {
        return Byte.toUnsignedInt(bytes.get(OPERATION));
    }

    public int status() {
        return bytes.getInt(STATUS);
    }

    public String registeredVersion() {
        return string(REGISTER_VERSION, KEY_FIELD);
    }

    public String value() {
        return string(VALUE, VALUE_FIELD);
    }

    public String enumeratedKey() {
        return string(ENUM_KEY, KEY_FIELD);
    }

    public String enumeratedValue() {
        return string(ENUM_VALUE, VALUE_FIELD);
    }

    public byte[] bytes() {
        return bytes.array().clone();
    }

    private static KvpMessage header(int operation, int pool) {
        KvpMessage message = new KvpMessage(ByteBuffer.allocate(SIZE));
        message.bytes.put(OPERATION, (byte) operation);
        message.bytes.put(POOL, (byte) pool);
        return message;
    }

    /** Puts a NUL-terminated string and returns its size with the NUL. */
    private int putString(int offset, String text, int field) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        if (encoded.length >= field) {
            throw new IllegalArgumentException("'" + text + "' does not fit a " + field + "-byte field");
        }
        bytes.put(offset, encoded);
        return encoded.length + 1;
    }

    private String string(int offset, int field) {
        int end = offset;
        while (end < offset + field && bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), offset, end - offset, StandardCharsets.UTF_8);
    }
}
