package io.pvscope.agent.kv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One hypervisor key/value store, with the key syntax and semantics of its OpenBSD driver (vmt, xen, hyperv).
 * Failures are {@link StoreException}s carrying the errno the driver would return. Implementations are
 * thread-safe: the agent calls them from many gRPC calls at once.
 */
public interface KvStore extends AutoCloseable {

    StoreInfo info();

    /**
     * The value of a key, and whether it is a listing of children rather than a value of the key's own:
     * where the driver lists directories through a read (XenStore: a node with children; Hyper-V: "Pool/"),
     * the children's names joined by "\n".
     */
    KvValue read(String key) throws StoreException;

    /**
     * {@link #read}, answered later where the store talks to a daemon that answers on a thread of the store's
     * own (XenStore): the caller's thread only sends the request and is free again. The stage may complete on
     * the store's thread, so what follows it must not block. Failures complete it with a {@link
     * StoreException}. The default reads at once.
     */
    default CompletionStage<KvValue> readAsync(String key) {
        return answeredNow(() -> read(key));
    }

    /**
     * {@link #readAsync} when it can be started on the caller's thread without waiting for anything: no lock,
     * file lock, connection or full socket in the way. The simulated store answers from memory; XenStore sends
     * the request on its open connection. The agent answers such a call where it arrived instead of handing
     * it to a backend thread. Empty, and nothing started, when only {@link #read} or {@link #readAsync} can
     * (the default); a failure known at once may be thrown.
     */
    default Optional<CompletionStage<KvValue>> readWithoutWaiting(String key) throws StoreException {
        return Optional.empty();
    }

    /** Reads made together, e.g. one page of a listing. */
    interface Reads<T> {
        T run() throws StoreException;
    }

    /**
     * Runs {@code reads} against one state of the store where checking the state once is cheaper than per
     * read (the simulated store checks its file for other processes' writes). The default just runs them.
     */
    default <T> T inOneView(Reads<T> reads) throws StoreException {
        return reads.run();
    }

    /**
     * Writes a value and returns what the driver leaves in the value buffer (Hyper-V: the stored value;
     * others: an empty array). Returns only after the backend acknowledged the write; on failure the old
     * value stands.
     */
    byte[] write(String key, byte[] value) throws StoreException;

    /**
     * Removes a key and everything below it. Only some stores can (XenStore, the simulated store); pvbus
     * itself offers no way to, so the default is EOPNOTSUPP.
     */
    default void delete(String key) throws StoreException {
        throw new StoreException(Errno.EOPNOTSUPP, info().kind() + " keys cannot be removed");
    }

    /**
     * The key that stands for the whole store, for a watch that names no prefix: "" for most stores, "/"
     * where the store's paths are absolute and an empty path is invalid (XenStore).
     */
    default String root() {
        return "";
    }

    /**
     * The key of {@code parent}'s child {@code name}, in the store's syntax: "/"-separated paths for every
     * store so far (a KVP pool "Pool" and its key "k" are "Pool/k"); the root's children are the bare names.
     */
    default String child(String parent, String name) {
        if (parent.isEmpty()) {
            return name;
        }
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    /** The names (not paths) of a key's children, in the store's order; empty for a leaf. */
    List<String> list(String key) throws StoreException;

    /** Whether a key has children; stores that can answer without listing them all override this. */
    default boolean hasChildren(String key) throws StoreException {
        return !list(key).isEmpty();
    }

    /** {@link #hasChildren}, answered later where the store talks to a daemon, as {@link #readAsync} is. */
    default CompletionStage<Boolean> hasChildrenAsync(String key) {
        return answeredNow(() -> hasChildren(key));
    }

    /** A stage already completed with what {@code reads} returned or the StoreException it threw. */
    private static <T> CompletionStage<T> answeredNow(Reads<T> reads) {
        try {
            return CompletableFuture.completedFuture(reads.run());
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Reports the path of every change under {@code key} to {@code listener} until the returned handle is
     * closed, and, for stores reached through a daemon, that the daemon went away and came back. Only stores
     * whose {@link StoreInfo#nativeWatch()} is true implement this.
     */
    default AutoCloseable observe(String key, KvWatchListener listener) throws StoreException {
        throw new StoreException(Errno.EOPNOTSUPP, info().kind() + " has no native watch");
    }

    /**
     * The file through which the system decides who may use this store directly (xenstored's socket, the
     * xenbus device), so that the agent lets a local user read no more than the system would; empty for a
     * store any user may reach anyway.
     */
    default Optional<Path> guard() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
