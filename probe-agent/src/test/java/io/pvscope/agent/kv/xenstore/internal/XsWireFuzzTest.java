package io.pvscope.agent.kv.xenstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What xenstored (or a guest's xenbus device) sends is decoded by the agent: any byte stream, including
 * malformed headers, lengths beyond the limits and strings without their NUL, must end as a framed message
 * or a protocol error, and a call answered by it must end as a value or a StoreException, never a hang
 * or an unchecked exception. Paths the agent sends are checked first.
 */
class XsWireFuzzTest {

    @FuzzTest
    void anyStreamIsFramedOrRefused(byte[] stream) {
        XsFrameReader frames = new XsFrameReader(new Replay(stream, null));
        int framed = 0;
        try {
            while (true) {
                XsMessage message = frames.next();
                assertThat(message.type()).isNotNull();
                assertThat(message.payload().length).isLessThanOrEqualTo(XsMessage.REPLY_MAX);
                framed += XsMessage.HEADER_SIZE + message.payload().length;
            }
        } catch (IOException expected) {
            assertThat(framed).isLessThanOrEqualTo(stream.length);
        }
        XsStrings.split(stream);
        XsStrings.single(stream);
    }

    /** A reply that may carry our req_id, any type and any payload, then the end of the stream. */
    @FuzzTest
    void anyReplyToACallIsAValueOrAnErrno(FuzzedDataProvider data) throws Exception {
        int operation = data.consumeInt(0, 4);
        boolean matchRequest = data.consumeBoolean();
        int type = data.consumeBoolean() ? data.consumeInt(0, 21) : data.consumeInt();
        int length = data.consumeBoolean() ? -1 : data.consumeInt();
        byte[] payload = data.consumeRemainingAsBytes();
        ByteBuffer reply = ByteBuffer.allocate(XsMessage.HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        reply.putInt(type).putInt(matchRequest ? 1 : 7).putInt(0).putInt(length < 0 ? payload.length : length)
                .put(payload);

        CountDownLatch requested = new CountDownLatch(1);
        XsSession session = new XsSession(() -> new Replay(reply.array(), requested), "fuzz", Duration.ofSeconds(5));
        try {
            switch (operation) {
                case 0 -> session.read(0, "/k");
                case 1 -> session.directory(0, "/d");
                case 2 -> session.write(0, "/k", new byte[] {1});
                case 3 -> session.domainPath(1);
                default -> session.permissions(0, "/k");
            }
        } catch (StoreException e) {
            assertThat(e.errno()).isNotEqualTo(Errno.ETIMEDOUT);
        } finally {
            session.close();
        }
    }

    @FuzzTest
    void pathsAreCheckedBeforeTheWire(FuzzedDataProvider data) {
        String path = data.consumeRemainingAsString();
        try {
            XsPaths.checked(path);
        } catch (StoreException e) {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            return;
        }
        assertThat(path).isNotEmpty().matches("[A-Za-z0-9/_@-]+");
        assertThat(XsStrings.split(XsStrings.terminated(path))).containsExactly(path);
    }

    /** Replays fixed bytes, in small reads, once a request was written (when asked to wait for one). */
    private static final class Replay implements XsTransport {
        private final ByteBuffer bytes;
        private final CountDownLatch requested;
        private volatile boolean closed;

        Replay(byte[] bytes, CountDownLatch requested) {
            this.bytes = ByteBuffer.wrap(bytes);
            this.requested = requested;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            if (requested != null) {
                try {
                    if (!requested.await(5, TimeUnit.SECONDS) && !closed) {
                        throw new IOException("no request came");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (closed) {
                throw new IOException("closed");
            }
            synchronized (bytes) {
                if (!bytes.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(Math.min(into.remaining(), bytes.remaining()), 7);
                for (int i = 0; i < n; i++) {
                    into.put(bytes.get());
                }
                return n;
            }
        }

        @Override
        public void write(ByteBuffer from) {
            from.position(from.limit());
            if (requested != null) {
                requested.countDown();
            }
        }

        @Override
        public void close() {
            closed = true;
            if (requested != null) {
                requested.countDown();
            }
        }
    }
}
