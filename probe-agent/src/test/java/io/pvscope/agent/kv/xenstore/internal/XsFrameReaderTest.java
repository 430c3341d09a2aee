package io.pvscope.agent.kv.xenstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class XsFrameReaderTest {

    private static final List<XsMessage> REPLIES = List.of(
            new XsMessage(XsType.READ, 1, 0, "vif".getBytes(StandardCharsets.US_ASCII)),
            new XsMessage(XsType.DIRECTORY, 2, 0, XsStrings.terminated("0", "1")),
            new XsMessage(XsType.WATCH_EVENT, 0, 0, XsStrings.terminated("device/vif/0/state", "token")),
            new XsMessage(XsType.WRITE, 3, 7, new byte[0]));

    @Test
    void repliesThatArriveTogetherAreFramedFromOneRead() throws Exception {
        Chunks stream = new Chunks(stream(REPLIES));

        List<XsMessage> framed = frameAll(new XsFrameReader(stream), REPLIES.size());

        assertSame(framed, REPLIES);
        assertThat(stream.reads).as("one read for the four").isEqualTo(1);
    }

    @Test
    void aStreamThatComesAByteAtATimeIsFramedAlike() throws Exception {
        byte[] whole = stream(REPLIES);
        byte[][] bytes = new byte[whole.length][];
        for (int i = 0; i < whole.length; i++) {
            bytes[i] = new byte[] {whole[i]};
        }

        assertSame(frameAll(new XsFrameReader(new Chunks(bytes)), REPLIES.size()), REPLIES);
    }

    @Test
    void aReplyLargerThanTheBufferIsWholeAndSoIsTheOneAfterIt() throws Exception {
        byte[] large = new byte[5 * XsFrameReader.BUFFER_SIZE + 3];
        Arrays.fill(large, (byte) 'x');
        List<XsMessage> replies = List.of(REPLIES.get(0), new XsMessage(XsType.DIRECTORY, 9, 0, large),
                REPLIES.get(1));
        byte[] whole = stream(replies);
        // Cut where the large payload has begun, in the buffer, and twice more within it.
        int cut = XsMessage.HEADER_SIZE * 2 + 3 + 100;
        Chunks stream = new Chunks(Arrays.copyOfRange(whole, 0, cut), Arrays.copyOfRange(whole, cut, cut + 40_000),
                Arrays.copyOfRange(whole, cut + 40_000, whole.length));

        assertSame(frameAll(new XsFrameReader(stream), replies.size()), replies);
    }

    @Test
    void theStreamEndingWithinAMessageOrAnUnknownTypeEndsTheFraming() throws Exception {
        byte[] whole = stream(REPLIES.subList(0, 1));
        XsFrameReader cutInPayload = new XsFrameReader(new Chunks(Arrays.copyOf(whole, whole.length - 1)));
        assertThatThrownBy(cutInPayload::next).isInstanceOf(EOFException.class);
        XsFrameReader cutInHeader = new XsFrameReader(new Chunks(Arrays.copyOf(whole, 9)));
        assertThatThrownBy(cutInHeader::next).isInstanceOf(EOFException.class);

        byte[] unknown = whole.clone();
        ByteBuffer.wrap(unknown).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 9999);
        assertThatThrownBy(new XsFrameReader(new Chunks(unknown))::next).isInstanceOf(XsProtocolException.class)
                .hasMessageContaining("unknown type 9999");
    }

    private static List<XsMessage> frameAll(XsFrameReader reader, int count) throws Exception {
        XsMessage[] framed = new XsMessage[count];
        for (int i = 0; i < count; i++) {
            framed[i] = reader.next();
        }
        return List.of(framed);
    }

    private static void assertSame(List<XsMessage> framed, List<XsMessage> expected) {
        assertThat(framed).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            XsMessage got = framed.get(i);
            XsMessage want = expected.get(i);
            assertThat(List.of(got.type(), got.reqId(), got.txId())).isEqualTo(List.of(want.type(), want.reqId(),
                    want.txId()));
            assertThat(got.payload()).isEqualTo(want.payload());
        }
    }

    private static byte[] stream(List<XsMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (XsMessage message : messages) {
            ByteBuffer frame = message.encode();
            out.write(frame.array(), frame.arrayOffset(), frame.remaining());
        }
        return out.toByteArray();
    }

    /** Hands out the given chunks, one per read (split further only when the reader has less room), then the end. */
    private static final class Chunks implements XsTransport {
        private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
        int reads;

        Chunks(byte[]... chunks) {
            for (byte[] chunk : chunks) {
                this.chunks.add(ByteBuffer.wrap(chunk));
            }
        }

        @Override
        public int read(ByteBuffer into) {
            reads++;
            ByteBuffer next = chunks.peek();
            if (next == null) {
                return -1;
            }
            int n = Math.min(into.remaining(), next.remaining());
            into.put(into.position(), next, next.position(), n);
            into.position(into.position() + n);
            next.position(next.position() + n);
            if (!next.hasRemaining()) {
                chunks.poll();
            }
            return n;
        }

        @Override
        public void write(ByteBuffer from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
