package io.pvscope.agent.server;

import com.google.protobuf.ByteString;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.security.Grant;
import io.pvscope.proto.v1.KvEntry;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * What the store said about one key, before any caller's grant is applied: read once, it can become the
 * entry of every caller that may see it (a change seen by many watches is read once for all of them).
 *
 * @param hasChildrenError the errno of a failed look at the key's children (ENOENT: the key is gone), or null
 * @param value            the key's own value when it was read and has one
 * @param valueError       the errno of a failed read of the value, or null
 */
record KeyRead(String key, Errno hasChildrenError, boolean hasChildren, Optional<ByteString> value,
               Errno valueError) {

    /** Asks the store; the value only when {@code withValue}. Failures are kept, not thrown. */
    static KeyRead of(KvStore store, String key, boolean withValue) {
        return ask(store, key, withValue).awaited();
    }

    /**
     * Asks the store about the key without waiting for the answers, so that a store behind a daemon answers
     * the questions about several keys in one round trip.
     */
    static Asked ask(KvStore store, String key, boolean withValue) {
        return new Asked(store, key, store.hasChildrenAsync(key), withValue ? store.readAsync(key) : null);
    }

    /** A key's children asked for, and its value when that was asked too; the store may still be answering. */
    record Asked(KvStore store, String key, CompletionStage<Boolean> children, CompletionStage<KvValue> value) {

        /** Waits for the answers: the backend call this runs in bounds the wait. */
        KeyRead awaited() {
            boolean hasChildren;
            try {
                hasChildren = KeyRead.awaited(children);
            } catch (StoreException e) {
                return new KeyRead(key, e.errno(), false, Optional.empty(), null);
            }
            if (value == null) {
                return new KeyRead(key, null, hasChildren, Optional.empty(), null);
            }
            try {
                return new KeyRead(key, null, hasChildren, valueOf(this), null);
            } catch (StoreException e) {
                return new KeyRead(key, null, hasChildren, Optional.empty(), e.errno());
            }
        }
    }

    /** The key no longer exists. */
    boolean gone() {
        return hasChildrenError == Errno.ENOENT || valueError == Errno.ENOENT;
    }

    /**
     * The entry as this caller sees it: its access from the write grant, the value only where the read grant
     * covers the key (a directory above the caller's prefixes is shown so that it can be walked, never its
     * value), a failure to read this key alone on the entry.
     */
    KvEntry entryFor(Grant grant, int unit, String kind) {
        return entryFor(grant.write().covers(unit, kind, key), grant.read().covers(unit, kind, key));
    }

    /** {@link #entryFor(Grant, int, String)} with the grant's answers for this key already known. */
    KvEntry entryFor(boolean writable, boolean readable) {
        KvEntry.Builder entry = KvEntry.newBuilder().setKey(key)
                .setAccess(writable ? KvEntry.Access.READ_WRITE : KvEntry.Access.READ_ONLY);
        if (hasChildrenError != null) {
            return entry.setError(hasChildrenError.name()).build();
        }
        entry.setHasChildren(hasChildren);
        if (readable) {
            if (valueError != null) {
                entry.setError(valueError.name());
            } else {
                value.ifPresent(entry::setValue);
            }
        }
        return entry.build();
    }

    /**
     * The key's own value, if it has one. Some containers have no value to read, empty or not (a KVP pool:
     * the driver answers EINVAL); when they can be listed, that is not an error of the entry.
     */
    private static Optional<ByteString> valueOf(Asked asked) throws StoreException {
        try {
            KvValue value = awaited(asked.value());
            return value.listing() ? Optional.empty() : Optional.of(ByteString.copyFrom(value.bytes()));
        } catch (StoreException e) {
            try {
                asked.store().list(asked.key());
                return Optional.empty();
            } catch (StoreException notAContainer) {
                throw e;
            }
        }
    }

    private static <T> T awaited(CompletionStage<T> stage) throws StoreException {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw BackendCalls.rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Errno.EIO, "interrupted while waiting for the store");
        }
    }
}
