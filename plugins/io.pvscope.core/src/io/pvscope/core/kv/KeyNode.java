package io.pvscope.core.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.protobuf.ByteString;

import io.pvscope.core.internal.ProtoModels;
import io.pvscope.proto.v1.KvEntry;

/**
 * One key of a store as the user sees it, kept by a {@link KeyTree}. The same node object stands for the
 * key across updates, so a viewer keeps its selection and expansion. Not thread-safe: owned by the thread
 * that applies the tree's events.
 */
public final class KeyNode {

    private final KeyNode parent;
    private final String key;
    private final String name;
    private final List<KeyNode> children = new ArrayList<>(0);

    private ByteString value = ByteString.EMPTY;
    private boolean hasChildren;
    private KvEntry.Access access = KvEntry.Access.ACCESS_UNSPECIFIED;
    private String error = "";
    private String localError = "";
    private long changedAt;
    private long deletedAt;

    KeyNode(KeyNode parent, String key, String name) {
        this.parent = parent;
        this.key = key;
        this.name = name;
    }

    /** The parent, or null for the tree's root. */
    public KeyNode parent() {
        return parent;
    }

    /** The full key, as KvRead and KvWrite take it ("" for the root). */
    public String key() {
        return key;
    }

    /** The last path element: what the tree shows. */
    public String name() {
        return name;
    }

    public ByteString value() {
        return value;
    }

    /** False when the value is empty, as a directory's usually is. */
    public boolean hasValue() {
        return !value.isEmpty();
    }

    /** The value as text: UTF-8 when it is, otherwise hex bytes. */
    public String valueText() {
        return text(value);
    }

    /** {@code value} as the views show it: UTF-8 when the bytes are, otherwise their hex. */
    public static String text(ByteString value) {
        if (value.isValidUtf8()) {
            return value.toStringUtf8();
        }
        StringBuilder hex = new StringBuilder(value.size() * 3);
        for (int i = 0; i < value.size(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", value.byteAt(i) & 0xff));
        }
        return hex.toString();
    }

    /** True when the agent said the key has children (a directory, a pool), or children were seen. */
    public boolean hasChildren() {
        return hasChildren || !children.isEmpty();
    }

    public KeyAccess access() {
        return ProtoModels.access(access);
    }

    /** The access as the agent sent it, for an entry rebuilt from this node. */
    KvEntry.Access entryAccess() {
        return access;
    }

    /** True when the agent allows writing this key and it was readable. */
    public boolean writable() {
        return access == KvEntry.Access.READ_WRITE && error.isEmpty();
    }

    /** The errno name the agent reported for this key alone (e.g. "EACCES"), or "". */
    public String error() {
        return error;
    }

    /** Why the user's last write or delete of this key failed, or "". */
    public String localError() {
        return localError;
    }

    public void setLocalError(String message) {
        localError = message == null ? "" : message;
    }

    /** {@link System#nanoTime()} of the last live change, 0 if it never changed since the snapshot. */
    public long changedAt() {
        return changedAt;
    }

    /** {@link System#nanoTime()} of the delete the agent reported, 0 while the key exists. */
    public long deletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deletedAt != 0;
    }

    /** All children, sorted by name, deleted ones included until purged. */
    public List<KeyNode> children() {
        return Collections.unmodifiableList(children);
    }

    List<KeyNode> mutableChildren() {
        return children;
    }

    /** Takes the entry's fields; true when anything the user sees changed. */
    boolean take(KvEntry entry) {
        boolean changed = !value.equals(entry.getValue()) || access != entry.getAccess()
                || !error.equals(entry.getError()) || hasChildren != entry.getHasChildren() || deletedAt != 0;
        value = entry.getValue();
        access = entry.getAccess();
        error = entry.getError();
        hasChildren = entry.getHasChildren();
        deletedAt = 0;
        localError = "";
        return changed;
    }

    void markChanged(long now) {
        changedAt = now;
    }

    void markDeleted(long now) {
        deletedAt = now;
    }

    /** No longer deleted: a key was written under it again. */
    void revive() {
        deletedAt = 0;
    }

    @Override
    public String toString() {
        return key;
    }
}
