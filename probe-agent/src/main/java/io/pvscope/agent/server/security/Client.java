package io.pvscope.agent.server.security;

/**
 * One configured client: how it proves who it is (a bearer token, a certificate subject, or being local:
 * on the Unix socket or a plaintext loopback listener without credentials configured) and its grant.
 */
public record Client(String name, Proof proof, byte[] tokenSha256, String subject, Grant grant,
                     boolean everyLocalUser) {

    /** How a client is recognised. */
    public enum Proof { TOKEN, CERTIFICATE, LOCAL }

    /** Any certificate the client CA signed, when no configuration lists subjects. */
    public static final String ANY_SUBJECT = "*";

    public static Client token(String name, byte[] tokenSha256, Grant grant) {
        return new Client(name, Proof.TOKEN, tokenSha256.clone(), null, grant, false);
    }

    public static Client certificate(String name, String subject, Grant grant) {
        return new Client(name, Proof.CERTIFICATE, null, subject, grant, false);
    }

    /** The local client, whose grant a local user gets only for stores the system lets that user use. */
    public static Client local(String name, Grant grant) {
        return new Client(name, Proof.LOCAL, null, null, grant, false);
    }

    /** The local client with its grant for every local user, whatever the system lets that user use. */
    public static Client localForEveryUser(String name, Grant grant) {
        return new Client(name, Proof.LOCAL, null, null, grant, true);
    }
}
