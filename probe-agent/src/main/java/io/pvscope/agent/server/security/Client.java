package io.pvscope.agent.server.security;

/**
 * One configured client: how it proves who it is (a bearer token, a certificate subject, or being local:
 * on the Unix socket or a plaintext loopback listener without credentials configured) and its grant.
 */
public record Client(String name, Proof proof, byte[] tokenSha256, String subject, Grant grant) {

    /** How a client is recognised. */
    public enum Proof { TOKEN, CERTIFICATE, LOCAL }

    /** Any certificate the client CA signed, when no configuration lists subjects. */
    public static final String ANY_SUBJECT = "*";

    public static Client token(String name, byte[] tokenSha256, Grant grant) {
        return new Client(name, Proof.TOKEN, tokenSha256.clone(), null, grant);
    }

    public static Client certificate(String name, String subject, Grant grant) {
        return new Client(name, Proof.CERTIFICATE, null, subject, grant);
    }

    public static Client local(String name, Grant grant) {
        return new Client(name, Proof.LOCAL, null, null, grant);
    }
}
