package io.pvscope.agent.kv;

/**
 * What a read returned: the key's value, or (listing) its children's names joined by "\n", as OpenBSD's
 * drivers answer a read of a directory.
 */
public record KvValue(byte[] bytes, boolean listing) {
}
