package io.pvscope.core.kv;

/** What the agent lets the caller do with a key. */
public enum KeyAccess {
    /** The agent did not say. */
    ACCESS_UNSPECIFIED,
    READ_ONLY,
    READ_WRITE
}
