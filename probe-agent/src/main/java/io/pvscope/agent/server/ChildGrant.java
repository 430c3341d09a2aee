package io.pvscope.agent.server;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.server.security.Grant;

/**
 * A caller's grant as it applies to the children of one key, for a listing: where a prefix covers every
 * child (the usual case: the caller may read the whole store, or a subtree above the key), that is decided
 * once instead of for each of the listing's keys; otherwise each key is checked as before.
 */
final class ChildGrant {

    private final Grant grant;
    private final int unit;
    private final KvStore store;
    private final String parent;
    private final String kind;
    private final boolean readsAll;
    private final boolean writesAll;

    ChildGrant(Grant grant, int unit, KvStore store, String parent) {
        this.grant = grant;
        this.unit = unit;
        this.store = store;
        this.parent = parent;
        this.kind = store.info().kind();
        // Every child's key starts with the child of the empty name: "parent/".
        String children = store.child(parent, "");
        this.readsAll = grant.read().coversAllUnder(unit, kind, children);
        this.writesAll = grant.write().coversAllUnder(unit, kind, children);
    }

    /** The caller may read this child's value. */
    boolean reads(String key) {
        return readsAll || grant.read().covers(unit, kind, key);
    }

    /** The caller may read the child of this name, or something below it; its key is made only if needed. */
    boolean readsOrLeadsTo(String name) {
        return readsAll || grant.read().coversOrLeadsTo(unit, kind, store.child(parent, name));
    }

    /** The caller may write this child. */
    boolean writes(String key) {
        return writesAll || grant.write().covers(unit, kind, key);
    }
}
