package io.pvscope.agent.kv;

/**
 * What a read returned: the key's value, or (listing) its children's names joined by "\n", as OpenBSD's
 * drivers answer a read of a directory.
 */
public record KvValue(byte[] bytes, boolean listing) {

    /** A value of the key's own, in a store without listings (or a leaf). */
    public static KvValue of(byte[] bytes) {
        return new KvValue(bytes, false);
    }
}
