package io.pvscope.agent.server.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.pvscope.agent.server.AuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's TLS: TLS 1.3 only, HTTP/2 by ALPN, the certificate chain and PKCS#8 key from PEM files and,
 * with a client CA, client certificates that it signed. Client certificates are requested but optional at
 * the TLS level, so that a caller without one reaches the authentication step, which refuses it with an
 * audited UNAUTHENTICATED unless it has a token.
 */
public record ServerTls(Path certificateChain, Path privateKey, Optional<Path> clientCa) {

    public static final String PROTOCOL = "TLSv1.3";

    public SslContext context(AuditLog audit) throws IOException {
        SslContextBuilder builder = SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile());
        if (clientCa.isPresent()) {
            builder.trustManager(new AuditingTrustManager(caTrust(clientCa.get()), audit))
                    .clientAuth(ClientAuth.OPTIONAL);
        }
        try {
            return GrpcSslContexts.configure(builder).protocols(PROTOCOL).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot use " + certificateChain + " with " + privateKey + " (the key must be"
                    + " PKCS#8 PEM, 'BEGIN PRIVATE KEY'): " + e.getMessage(), e);
        }
    }

    /** A trust manager that trusts exactly the certificates in the PEM file. */
    static X509ExtendedTrustManager caTrust(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException(pem + ": no certificate in it");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("no X.509 trust manager in this JVM");
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
    }
}
