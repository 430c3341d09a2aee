package io.pvscope.agent.kv.xenstore.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream from xenstored into messages. A header with an unknown type or a length above
 * {@link XsMessage#REPLY_MAX} ends the stream with {@link XsProtocolException}: past it nothing can be framed.
 *
 * <p>Reads as much as the stream has ready, up to {@link #BUFFER_SIZE} bytes, and frames every message in it:
 * replies to requests in flight together arrive together, and cost one read rather than two each.
 */
public final class XsFrameReader {

    /** Room for several replies of xenstored's usual size (a payload is at most 4096 bytes). */
    static final int BUFFER_SIZE = 16 * 1024;

    private final XsTransport transport;
    /** Bytes read and not yet framed, between position and limit. */
    private final ByteBuffer buffered = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN).flip();

    public XsFrameReader(XsTransport transport) {
        this.transport = transport;
    }

    /** The next message; blocks until it is complete. */
    public XsMessage next() throws IOException {
        readAtLeast(XsMessage.HEADER_SIZE);
        int typeCode = buffered.getInt();
        int reqId = buffered.getInt();
        int txId = buffered.getInt();
        int length = buffered.getInt();
        XsType type = XsType.byCode(typeCode);
        if (type == null) {
            throw new XsProtocolException("message of unknown type " + Integer.toUnsignedString(typeCode));
        }
        if (length < 0 || length > XsMessage.REPLY_MAX) {
            throw new XsProtocolException("message length " + Integer.toUnsignedString(length)
                    + " above the reply limit " + XsMessage.REPLY_MAX);
        }
        return new XsMessage(type, reqId, txId, payload(length));
    }

    private byte[] payload(int length) throws IOException {
        byte[] payload = new byte[length];
        int fromBuffer = Math.min(length, buffered.remaining());
        buffered.get(payload, 0, fromBuffer);
        if (fromBuffer < length) {
            // Larger than what is buffered: the rest straight into the payload.
            ByteBuffer rest = ByteBuffer.wrap(payload, fromBuffer, length - fromBuffer);
            while (rest.hasRemaining()) {
                readOrEnd(rest);
            }
        }
        return payload;
    }

    /** Makes at least {@code count} (at most the buffer's size) unframed bytes available. */
    private void readAtLeast(int count) throws IOException {
        if (buffered.remaining() >= count) {
            return;
        }
        buffered.compact();
        try {
            while (buffered.position() < count) {
                readOrEnd(buffered);
            }
        } finally {
            buffered.flip();
        }
    }

    private void readOrEnd(ByteBuffer into) throws IOException {
        if (transport.read(into) < 0) {
            throw new EOFException("xenstored closed the connection");
        }
    }
}
