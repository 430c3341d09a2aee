package io.pvscope.agent.server.security;

import io.pvscope.agent.server.KeyPrefixes;

/** What one client may do: the keys it may read and the keys it may write. */
public record Grant(KeyPrefixes read, KeyPrefixes write) {

    /** Used when a call reached a service without passing authentication: nothing at all. */
    public static final Grant NOTHING = new Grant(KeyPrefixes.none(), KeyPrefixes.none());
}
