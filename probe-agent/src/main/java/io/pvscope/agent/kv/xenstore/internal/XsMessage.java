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

    public ByteBuffer encode() {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(type.code()).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
        return frame.flip();
    }
}
