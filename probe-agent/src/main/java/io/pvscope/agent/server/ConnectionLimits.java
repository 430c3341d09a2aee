package io.pvscope.agent.server;

import java.time.Duration;

/**
 * Limits on connections, before any call: how many the agent holds, how many one peer may hold, and how long
 * a connection may sit without doing anything useful. The configuration file's {@code connections:} section
 * uses these names in snake_case.
 *
 * @param maxConnections        TCP connections held at once on all endpoints together; never more than half
 *                              the agent's descriptor limit, whatever is configured (the Unix socket is
 *                              guarded by its file mode: only its owner and group may connect)
 * @param maxConnectionsPerPeer TCP connections one peer may hold: a remote address, or on loopback a local
 *                              user (the owner of the connecting socket)
 * @param handshakeTimeout      time to finish the TLS handshake and HTTP/2 preface, or the connection closes
 * @param idleTimeout           a connection without a call for this long is closed (GOAWAY, then close)
 * @param requestTimeout        a call whose request message has not arrived this long after it started ends
 *                              DEADLINE_EXCEEDED, freeing its place in the client's call limit
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerPeer, Duration handshakeTimeout,
                               Duration idleTimeout, Duration requestTimeout) {

    /** 1024 connections, 64 per peer; 10 s to handshake, 10 s for a request, 5 min idle. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(1024, 64, Duration.ofSeconds(10),
            Duration.ofMinutes(5), Duration.ofSeconds(10));
}
