package io.pvscope.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS 1.3 to the agent, with the files it needs.
 *
 * @param caFile   PEM of the CAs to trust for the agent's certificate; empty: the JVM's trust store
 * @param certFile PEM client certificate chain for mutual TLS; empty: none
 * @param keyFile  the client certificate's PKCS#8 PEM key; present exactly when {@code certFile} is
 */
public record TlsFiles(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    public TlsFiles {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("a client certificate and its key go together");
        }
    }

    /** TLS trusting the JVM's trust store, without a client certificate. */
    public static TlsFiles systemTrust() {
        return new TlsFiles(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** TLS trusting the CAs in {@code caFile}, without a client certificate. */
    public static TlsFiles trusting(Path caFile) {
        return new TlsFiles(Optional.of(caFile), Optional.empty(), Optional.empty());
    }

    /** These settings with a client certificate for mutual TLS. */
    public TlsFiles withClientCertificate(Path cert, Path key) {
        return new TlsFiles(caFile, Optional.of(cert), Optional.of(key));
    }
}
