package io.pvscope.agent.server.security;

/** What a listener's transport already proves about its callers. */
public enum ListenerKind {
    /** A Unix socket: its file mode decides who may connect, so its callers are the local client. */
    UNIX,
    /** Plaintext TCP, loopback only: local callers, unless tokens or certificates are configured. */
    PLAINTEXT_LOOPBACK,
    /** TLS: callers must present a token or a client certificate. */
    TLS
}
