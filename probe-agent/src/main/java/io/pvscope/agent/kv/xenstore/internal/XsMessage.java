package io.pvscope.agent.kv.xenstore.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One framed XenStore message: a 16-byte header {type, req_id, tx_id, len} in the host's (little-endian)
 * byte order, then {@code len} payload bytes.
 */
public record XsMessage(XsType type, int reqId, int txId, byte[] payload) {

    public static final int HEADER_SIZE = 16;
    /** XENSTORE_PAYLOAD_MAX: the most either side may put after a header. */
    public static final int PAYLOAD_MAX = 4096;
    /**
     * The longest reply accepted. Replies may exceed {@link #PAYLOAD_MAX}: oxenstored answers DIRECTORY of a
     * large node in one message (6800 bytes for 400 children seen) instead of E2BIG. Anything longer than
     * this is taken for a corrupt header rather than waited for.
     */
    public static final int REPLY_MAX = 1 << 20;

    public ByteBuffer encode() {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(type.code()).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
        return frame.flip();
    }
}
