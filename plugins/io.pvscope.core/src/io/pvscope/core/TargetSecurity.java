package io.pvscope.core;

/**
 * How a target's channel is protected. Only file paths live here; the token is a secret and is kept by a
 * {@link SecretStore}.
 *
 * @param tls      use TLS; never falls back to plaintext
 * @param caFile   PEM of the CAs to trust for the agent's certificate; empty: the JVM's trust store
 * @param certFile PEM client certificate chain for mutual TLS; empty: none
 * @param keyFile  PKCS#8 PEM key of {@code certFile}
 */
public record TargetSecurity(boolean tls, String caFile, String certFile, String keyFile) {

    public static final TargetSecurity PLAINTEXT = new TargetSecurity(false, "", "", "");

    public TargetSecurity {
        caFile = caFile == null ? "" : caFile.strip();
        certFile = certFile == null ? "" : certFile.strip();
        keyFile = keyFile == null ? "" : keyFile.strip();
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new IllegalArgumentException("a client certificate and its key go together");
        }
        if (!tls && !(caFile.isEmpty() && certFile.isEmpty())) {
            throw new IllegalArgumentException("certificate files need TLS");
        }
    }

    /** TLS trusting {@code caFile}, without a client certificate. */
    public static TargetSecurity tls(String caFile) {
        return new TargetSecurity(true, caFile, "", "");
    }
}
