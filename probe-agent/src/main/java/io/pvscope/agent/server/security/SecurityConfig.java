package io.pvscope.agent.server.security;

import io.pvscope.agent.server.AgentLimits;
import io.pvscope.agent.server.ConnectionLimits;
import io.pvscope.agent.server.KeyPrefixes;
import io.pvscope.agent.server.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that a reload may change: the clients and their grants, the limits, the audit file, and the
 * connection counts (the handshake and idle timeouts are the listeners' and stay as they were at start).
 */
public record SecurityConfig(AccessPolicy access, AgentLimits limits, AuditSettings audit,
                             ConnectionLimits connections) {

    public SecurityConfig(AccessPolicy access, AgentLimits limits, AuditSettings audit) {
        this(access, limits, audit, ConnectionLimits.DEFAULTS);
    }

    /**
     * The configuration when no file is given: local callers, the token of {@code --token-file} and any
     * certificate the client CA signed may all read everything and write under the {@code --allow-write}
     * prefixes.
     */
    public static SecurityConfig fromFlags(WritePolicy writes, Optional<byte[]> tokenSha256, boolean clientCa) {
        Grant grant = new Grant(KeyPrefixes.all(), writes.keyPrefixes());
        List<Client> clients = new ArrayList<>();
        clients.add(Client.local("local", grant));
        tokenSha256.ifPresent(digest -> clients.add(Client.token("token", digest, grant)));
        if (clientCa) {
            clients.add(Client.certificate("certificate", Client.ANY_SUBJECT, grant));
        }
        return new SecurityConfig(new AccessPolicy(clients), AgentLimits.DEFAULTS, AuditSettings.STDERR_ONLY);
    }
}
