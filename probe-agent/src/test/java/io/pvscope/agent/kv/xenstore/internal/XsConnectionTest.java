package io.pvscope.agent.kv.xenstore.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies no real daemon sends, from a peer on a real unix socket that answers each request with scripted
 * bytes: the client must end the call with an errno (EIO for a broken stream) well before its deadline.
 */
class XsConnectionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration PROMPT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private XsConnection connection;

    @AfterEach
    void stop() throws IOException {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Connects to a peer that reads one request and answers it with {@code reply}, then optionally hangs up. */
    private XsConnection connectToPeer(Duration timeout, boolean hangUp, byte[] reply) throws Exception {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("peer")));
        CompletableFuture.runAsync(() -> {
            try {
                SocketChannel peer = server.accept();
                ByteBuffer header = ByteBuffer.allocate(XsMessage.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                while (header.hasRemaining() && peer.read(header) >= 0) {
                    // read the whole header
                }
                ByteBuffer payload = ByteBuffer.allocate(header.getInt(12));
                while (payload.hasRemaining() && peer.read(payload) >= 0) {
                    // and the payload
                }
                peer.write(ByteBuffer.wrap(reply));
                if (hangUp) {
                    peer.close();
                }
            } catch (IOException e) {
                // The test's own assertions report what went wrong.
            }
        });
        connection = new XsConnection(SocketTransport.connect(dir.resolve("peer")), "peer", timeout, (p, t) -> { });
        return connection;
    }

    private static byte[] frame(int type, int reqId, int length, byte[] payload) {
        return ByteBuffer.allocate(XsMessage.HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(reqId).putInt(0).putInt(length).put(payload).array();
    }

    private static void assertFailsPromptly(XsConnection connection, Errno expected) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> connection.call(XsType.READ, 0, XsStrings.terminated("/k")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errno()).isEqualTo(expected));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
    }

    @Test
    void replyLengthAboveAnyLimitIsIoErrorNotAWait() throws Exception {
        connectToPeer(DEADLINE, false, frame(XsType.READ.code(), 1, Integer.MAX_VALUE, new byte[0]));

        assertFailsPromptly(connection, Errno.EIO);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void unknownMessageTypeIsIoError() throws Exception {
        connectToPeer(DEADLINE, false, frame(0x1234, 1, 0, new byte[0]));

        assertFailsPromptly(connection, Errno.EIO);
    }

    @Test
    void errorNameWithoutItsNulIsIoError() throws Exception {
        byte[] name = "ENOENT".getBytes(UTF_8);
        connectToPeer(DEADLINE, false, frame(XsType.ERROR.code(), 1, name.length, name));

        assertFailsPromptly(connection, Errno.EIO);
    }

    @Test
    void replyOfAnotherTypeIsIoError() throws Exception {
        connectToPeer(DEADLINE, false, frame(XsType.DIRECTORY.code(), 1, 0, new byte[0]));

        assertFailsPromptly(connection, Errno.EIO);
    }

    @Test
    void replyCutShortByHangUpIsIoError() throws Exception {
        connectToPeer(DEADLINE, true, frame(XsType.READ.code(), 1, 10, "abc".getBytes(UTF_8)));

        assertFailsPromptly(connection, Errno.EIO);
    }

    @Test
    void errorNameOpenBsdDoesNotKnowIsNotSupported() throws Exception {
        byte[] name = XsStrings.terminated("EQUOTA");
        connectToPeer(DEADLINE, false, frame(XsType.ERROR.code(), 1, name.length, name));

        assertFailsPromptly(connection, Errno.EOPNOTSUPP);
    }

    @Test
    void replyToAnotherRequestIsNotTakenForThisOne() throws Exception {
        byte[] value = "stale".getBytes(UTF_8);
        connectToPeer(Duration.ofMillis(200), false, frame(XsType.READ.code(), 99, value.length, value));

        assertFailsPromptly(connection, Errno.ETIMEDOUT);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void wellFormedReplyIsItsPayload() throws Exception {
        byte[] value = "value".getBytes(UTF_8);
        connectToPeer(DEADLINE, false, frame(XsType.READ.code(), 1, value.length, value));

        assertThat(connection.call(XsType.READ, 0, XsStrings.terminated("/k"))).isEqualTo(value);
    }
}
