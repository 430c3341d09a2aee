package io.pvscope.agent.kv.xenstore;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.agent.kv.xenstore.internal.XsSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * XenStore with the semantics of OpenBSD's xs_kvop: keys are XenStore paths verbatim (relative ones resolve
 * under the caller's /local/domain/&lt;domid&gt;, done by the daemon), a read that yields an empty value is
 * answered with the node's children joined by "\n" (so a directory reads as its listing, and a node with
 * both a value and children reads as its value), and errors are the errno names xenstored sends.
 */
public final class XenStoreKvStore implements KvStore {

    /** xenstored's socket or the xenbus device: root's alone on a stock system (mode 0600). */
    private final java.nio.file.Path guard;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final int NO_TRANSACTION = 0;

    private final XsSession session;
    private final StoreInfo info;
    /**
     * Where an empty value asks again for the children: never on the connection's reader thread, which must
     * keep reading (xenstored stops taking requests from a connection whose replies it cannot send).
     */
    private final ThreadPoolExecutor followUps = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "xenstore-follow-up");
                thread.setDaemon(true);
                return thread;
            });

    public XenStoreKvStore(XenStoreEndpoint endpoint, Duration timeout) {
        this.guard = java.nio.file.Path.of(endpoint.location());
        this.session = new XsSession(endpoint.opener(), endpoint.location(), timeout);
        this.info = new StoreInfo("xenstore", "Xen", false, true, endpoint.location());
        followUps.allowCoreThreadTimeOut(true);
    }

    public XenStoreKvStore(XenStoreEndpoint endpoint) {
        this(endpoint, DEFAULT_TIMEOUT);
    }

    @Override
    public java.util.Optional<java.nio.file.Path> guard() {
        return java.util.Optional.of(guard);
    }

    @Override
    public StoreInfo info() {
        return info;
    }

    /** xs_kvop: an empty value may be a directory, so it asks again for the children. */
    @Override
    public KvValue read(String key) throws StoreException {
        byte[] value = session.read(NO_TRANSACTION, key);
        return value.length > 0 ? KvValue.of(value) : listing(key);
    }

    /** What an empty value reads as: the children joined by "\n", flagged a listing when there are any. */
    private KvValue listing(String key) throws StoreException {
        List<String> children = session.directory(NO_TRANSACTION, key);
        return new KvValue(String.join("\n", children).getBytes(StandardCharsets.UTF_8), !children.isEmpty());
    }

    /** {@link #read} in one round trip for a value; a directory's listing follows on a thread of the store's. */
    @Override
    public CompletionStage<KvValue> readAsync(String key) {
        return valueOrListing(key, session.readAsync(NO_TRANSACTION, key));
    }

    /** Sent from the caller's thread when the connection is open and has room; see {@link XsSession#readIfRoom}. */
    @Override
    public Optional<CompletionStage<KvValue>> readWithoutWaiting(String key) {
        CompletableFuture<byte[]> sent = session.readIfRoom(NO_TRANSACTION, key);
        return sent == null ? Optional.empty() : Optional.of(valueOrListing(key, sent));
    }

    /** The value read, or for an empty one the node's listing, made on a follow-up thread (see the class). */
    private CompletionStage<KvValue> valueOrListing(String key, CompletableFuture<byte[]> read) {
        return read.thenCompose(value -> {
            if (value.length > 0) {
                return CompletableFuture.completedFuture(KvValue.of(value));
            }
            CompletableFuture<KvValue> listing = new CompletableFuture<>();
            followUps.execute(() -> {
                try {
                    listing.complete(listing(key));
                } catch (StoreException e) {
                    listing.completeExceptionally(e);
                }
            });
            return listing;
        });
    }

    @Override
    public CompletionStage<Boolean> hasChildrenAsync(String key) {
        return session.hasChildrenAsync(NO_TRANSACTION, key);
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        session.write(NO_TRANSACTION, key, value);
        return new byte[0];
    }

    /** XenStore's paths are absolute; the daemon refuses an empty one. */
    @Override
    public String root() {
        return "/";
    }

    @Override
    public List<String> list(String key) throws StoreException {
        return session.directory(NO_TRANSACTION, key);
    }

    @Override
    public void delete(String key) throws StoreException {
        session.remove(NO_TRANSACTION, key);
    }

    /** Also told when xenstored went away (the session reconnects with back-off) and when it is back. */
    @Override
    public AutoCloseable observe(String key, KvWatchListener listener) throws StoreException {
        return session.observe(key, listener);
    }

    /** The home path of a domain (GET_DOMAIN_PATH): where that domain's relative keys live. */
    public String domainPath(int domid) throws StoreException {
        return session.domainPath(domid);
    }

    @Override
    public void close() {
        followUps.shutdownNow();
        session.close();
    }
}
