package io.pvscope.agent.kv.xenstore.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream from xenstored into messages. A header with an unknown type or a length above
 * {@link XsMessage#REPLY_MAX} ends the stream with {@link XsProtocolException}: past it nothing can be framed.
 */
public final class XsFrameReader {

    private final XsTransport transport;
    private final ByteBuffer header = ByteBuffer.allocate(XsMessage.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    public XsFrameReader(XsTransport transport) {
        this.transport = transport;
    }

    /** The next message; blocks until it is complete. */
    public XsMessage next() throws IOException {
        header.clear();
        fill(header);
        header.flip();
        int typeCode = header.getInt();
        int reqId = header.getInt();
        int txId = header.getInt();
        int length = header.getInt();
        XsType type = XsType.byCode(typeCode);
        if (type == null) {
            throw new XsProtocolException("message of unknown type " + Integer.toUnsignedString(typeCode));
        }
        if (length < 0 || length > XsMessage.REPLY_MAX) {
            throw new XsProtocolException("message length " + Integer.toUnsignedString(length)
                    + " above the reply limit " + XsMessage.REPLY_MAX);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload);
        return new XsMessage(type, reqId, txId, payload.array());
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (transport.read(buffer) < 0) {
                throw new EOFException("xenstored closed the connection");
            }
        }
    }
}
