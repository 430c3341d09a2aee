package io.pvscope.agent.kv.kvp.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a guest-written key and value may hold so that they reach the host intact. Two limits stack up on
 * Linux: the pool record (key 511 bytes, value 2047 bytes, each plus its NUL) and the kernel's hv_utils,
 * which converts the daemon's UTF-8 to the host's UTF-16 and silently cuts keys after 254 and values after
 * 1022 UTF-16 units ((HV_KVP_EXCHANGE_MAX_*_SIZE / 2) - 2) and drops bytes that are not UTF-8. Instead of
 * OpenBSD's silent cut of values to 255 bytes, anything beyond these limits is refused, so that what the
 * guest reads back is what the host gets.
 */
public final class HostTransferLimits {

    public static final int MAX_KEY_BYTES = PoolRecord.KEY_FIELD - 1;
    public static final int MAX_KEY_UTF16_UNITS = 512 / 2 - 2;
    public static final int MAX_VALUE_BYTES = PoolRecord.VALUE_FIELD - 1;
    public static final int MAX_VALUE_UTF16_UNITS = 2048 / 2 - 2;

    private HostTransferLimits() {
    }

    /** The key name as stored; ERANGE when too long, like hypervic's check of the key length. */
    public static byte[] checkedName(KvpKey key) throws StoreException {
        String name = key.name();
        if (name.indexOf('\0') >= 0) {
            throw new StoreException(Errno.EINVAL, "KVP key '" + key + "' holds a NUL character");
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_BYTES || name.length() > MAX_KEY_UTF16_UNITS) {
            throw new StoreException(Errno.ERANGE, "KVP key name '" + abbreviated(name) + "' is too long: "
                    + bytes.length + " bytes / " + name.length() + " UTF-16 units, at most " + MAX_KEY_BYTES
                    + " bytes and " + MAX_KEY_UTF16_UNITS + " units reach the host");
        }
        return bytes;
    }

    /** The value as stored; a trailing NUL (a C string's terminator) is dropped, any other NUL is refused. */
    public static byte[] checkedValue(KvpKey key, byte[] value) throws StoreException {
        int length = value.length;
        while (length > 0 && value[length - 1] == 0) {
            length--;
        }
        byte[] text = Arrays.copyOf(value, length);
        for (byte b : text) {
            if (b == 0) {
                throw new StoreException(Errno.EINVAL, "value for KVP key '" + key
                        + "' holds a NUL byte; pool values are C strings");
            }
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new StoreException(Errno.EINVAL, "value for KVP key '" + key
                    + "' is not UTF-8; the kernel would drop the bytes that are not", e);
        }
        if (text.length > MAX_VALUE_BYTES || chars.length() > MAX_VALUE_UTF16_UNITS) {
            throw new StoreException(Errno.E2BIG, "value for KVP key '" + key + "' is too long: " + text.length
                    + " bytes / " + chars.length() + " UTF-16 units, at most " + MAX_VALUE_BYTES + " bytes and "
                    + MAX_VALUE_UTF16_UNITS + " units reach the host");
        }
        return text;
    }

    private static String abbreviated(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
