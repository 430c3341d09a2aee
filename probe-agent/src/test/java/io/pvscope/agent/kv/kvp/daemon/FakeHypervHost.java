package io.pvscope.agent.kv.kvp.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the Hyper-V host and its KVP driver for one hv_kvp_daemon: listens on the unix socket that the
 * LD_PRELOAD shim connects /dev/vmbus/hv_kvp to, answers the daemon's registration, then sends it the
 * requests a host sends (SET, GET, DELETE, ENUMERATE) and waits for each answer. Every wait is bounded.
 */
public final class FakeHypervHost implements AutoCloseable {

    /** Raises why the daemon can no longer connect or answer, e.g. because it exited. */
    @FunctionalInterface
    public interface PeerCheck {
        void check() throws IOException;
    }

    static final String VERSION = "15.0.0.0";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final Path socketPath;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private SocketChannel daemon;
    private Selector daemonSelector;
    private SelectionKey daemonKey;

    private FakeHypervHost(Path socketPath, ServerSocketChannel listener, Selector selector) {
        this.socketPath = socketPath;
        this.listener = listener;
        this.selector = selector;
    }

    public static FakeHypervHost listen(Path socketPath) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socketPath));
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        return new FakeHypervHost(socketPath, listener, selector);
    }

    public Path socketPath() {
        return socketPath;
    }

    /**
     * Waits for the daemon to open the device and register, and answers with the host's version, as the
     * kernel driver does. The daemon sends no reply to that answer.
     */
    public void awaitRegistration(Duration timeout, PeerCheck peer) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (daemon == null) {
            peer.check();
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("hv_kvp_daemon did not open /dev/vmbus/hv_kvp within " + timeout);
            }
            select(POLL_MILLIS);
            SocketChannel accepted = listener.accept();
            if (accepted != null) {
                accepted.configureBlocking(false);
                daemonSelector = Selector.open();
                daemonKey = accepted.register(daemonSelector, 0);
                daemon = accepted;
            }
        }
        KvpMessage registration = receive(deadline, peer);
        if (registration.operation() != KvpMessage.OP_REGISTER1) {
            throw new IOException("expected REGISTER1 from the daemon, got operation " + registration.operation());
        }
        send(KvpMessage.register(VERSION), deadline, peer);
    }

    /** SET from the host; true when the daemon stored it. */
    public boolean set(HostPool pool, String key, String value) throws IOException {
        return exchange(KvpMessage.set(pool, key, value)).status() == KvpMessage.STATUS_OK;
    }

    public Optional<String> get(HostPool pool, String key) throws IOException {
        KvpMessage reply = exchange(KvpMessage.get(pool, key));
        return reply.status() == KvpMessage.STATUS_OK ? Optional.of(reply.value()) : Optional.empty();
    }

    /** DELETE from the host; true when the daemon found and removed the key. */
    public boolean delete(HostPool pool, String key) throws IOException {
        return exchange(KvpMessage.delete(pool, key)).status() == KvpMessage.STATUS_OK;
    }

    /** Enumerates a pool index by index, as the host does, until the daemon answers "no more". */
    public Map<String, String> enumerate(HostPool pool) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int index = 0; index < 100_000; index++) {
            KvpMessage reply = exchange(KvpMessage.enumerate(pool, index));
            if (reply.status() != KvpMessage.STATUS_OK) {
                return entries;
            }
            entries.put(reply.enumeratedKey(), reply.enumeratedValue());
        }
        throw new IOException("enumeration of " + pool + " did not end");
    }

    /** Sends one request and returns the daemon's answer to it. */
    public KvpMessage exchange(KvpMessage request) throws IOException {
        if (daemon == null) {
            throw new IllegalStateException("the daemon has not registered");
        }
        Instant deadline = Instant.now().plus(REPLY_TIMEOUT);
        send(request, deadline, () -> { });
        return receive(deadline, () -> { });
    }

    /**
     * Stops listening before hanging up: hv_kvp_daemon reopens the device when it loses it, and only exits
     * when that open fails.
     */
    @Override
    public void close() throws IOException {
        try (selector; listener) {
            Files.deleteIfExists(socketPath);
        } finally {
            if (daemon != null) {
                daemonSelector.close();
                daemon.close();
            }
        }
    }

    private void send(KvpMessage message, Instant deadline, PeerCheck peer) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(message.bytes());
        while (buffer.hasRemaining()) {
            if (daemon.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline, peer, "send to");
            }
        }
    }

    private KvpMessage receive(Instant deadline, PeerCheck peer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(KvpMessage.SIZE);
        while (buffer.hasRemaining()) {
            int read = daemon.read(buffer);
            if (read < 0) {
                throw new EOFException("hv_kvp_daemon hung up after " + buffer.position() + " bytes of a message");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, deadline, peer, "hear from");
            }
        }
        return KvpMessage.wrap(buffer.array());
    }

    private void await(int operation, Instant deadline, PeerCheck peer, String what) throws IOException {
        peer.check();
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("timed out waiting to " + what + " hv_kvp_daemon");
        }
        if (Thread.interrupted()) {
            throw new InterruptedIOException("interrupted while waiting to " + what + " hv_kvp_daemon");
        }
        daemonKey.interestOps(operation);
        daemonSelector.select(POLL_MILLIS);
        daemonSelector.selectedKeys().clear();
    }

    private void select(long millis) throws IOException {
        selector.select(millis);
        selector.selectedKeys().clear();
    }
}
