package io.pvscope.agent.server.security;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** The configured clients, and how a presented credential maps onto one of them. */
public final class AccessPolicy {

    private final List<Client> clients;
    // Asked at every call: worked out once per configuration.
    private final boolean credentialsConfigured;
    private final Optional<Client> local;

    public AccessPolicy(List<Client> clients) {
        this.clients = List.copyOf(clients);
        this.credentialsConfigured = this.clients.stream().anyMatch(c -> c.proof() != Client.Proof.LOCAL);
        this.local = this.clients.stream().filter(c -> c.proof() == Client.Proof.LOCAL).findFirst();
    }

    public List<Client> clients() {
        return clients;
    }

    /** True when some client proves itself with a token or certificate: then TCP callers must too. */
    public boolean credentialsConfigured() {
        return credentialsConfigured;
    }

    public boolean acceptsCertificates() {
        return clients.stream().anyMatch(c -> c.proof() == Client.Proof.CERTIFICATE);
    }

    /**
     * The client whose token this is. Every configured digest is compared, each in constant time, so the
     * answer's timing says nothing about which token, or how much of one, matched.
     */
    public Optional<Client> byToken(String token) {
        byte[] digest = Tokens.digest(token);
        Client found = null;
        for (Client client : clients) {
            if (client.proof() == Client.Proof.TOKEN && MessageDigest.isEqual(digest, client.tokenSha256())
                    && found == null) {
                found = client;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The client listed with this certificate subject, else one that accepts any subject. */
    public Optional<Client> bySubject(String subject) {
        Optional<Client> exact = clients.stream()
                .filter(c -> c.proof() == Client.Proof.CERTIFICATE && subject.equals(c.subject())).findFirst();
        return exact.or(() -> clients.stream()
                .filter(c -> c.proof() == Client.Proof.CERTIFICATE && Client.ANY_SUBJECT.equals(c.subject()))
                .findFirst());
    }

    public Optional<Client> local() {
        return local;
    }
}
